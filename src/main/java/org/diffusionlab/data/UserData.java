package org.diffusionlab.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Two-dimensional points a user drew or loaded, in drawing (or file) order, in raw units: an immutable value. Its
 * {@link #id()} is a fingerprint of the points, so a model file that names it can be matched with its data.
 * The training distribution built on it is {@link UserDataset}.
 */
public final class UserData {

    /** Data set names of user data: this prefix and 12 hex digits of the points' SHA-256. */
    public static final String ID_PREFIX = "user-";
    public static final int MIN_POINTS = 3;
    public static final int MAX_POINTS = 100_000;

    private static final Pattern ID = Pattern.compile("user-[0-9a-f]{12}");

    private final double[][] points;
    private final String id;

    /**
     * @param points {@code [n][2]} finite raw points in order, {@value #MIN_POINTS} to {@value #MAX_POINTS} of them
     * @throws IllegalArgumentException with a reason a user can act on
     */
    public UserData(double[][] points) {
        if (points.length < MIN_POINTS) {
            throw new IllegalArgumentException("need at least " + MIN_POINTS + " points, got " + points.length);
        }
        if (points.length > MAX_POINTS) {
            throw new IllegalArgumentException("at most " + MAX_POINTS + " points, got " + points.length);
        }
        this.points = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != 2 || !Double.isFinite(points[i][0]) || !Double.isFinite(points[i][1])) {
                throw new IllegalArgumentException("point " + (i + 1) + " is not two finite numbers");
            }
            this.points[i] = points[i].clone();
        }
        this.id = fingerprint(this.points);
    }

    /** True for a data set name of user data ("user-" and 12 lower-case hex digits). */
    public static boolean isId(String name) {
        return name != null && ID.matcher(name).matches();
    }

    /**
     * Points from strokes: a stroke of one vertex is one point; a longer stroke is resampled at even arc-length
     * steps of {@code spacing}, so a line carries as much weight as its length, whatever the drawing speed.
     */
    public static UserData fromStrokes(List<double[][]> strokes, double spacing) {
        return new UserData(resample(strokes, spacing));
    }

    /** The points {@link #fromStrokes} makes, without its checks (e.g. to count them while drawing). */
    public static double[][] resample(List<double[][]> strokes, double spacing) {
        if (!(spacing > 0)) {
            throw new IllegalArgumentException("spacing must be > 0, got " + spacing);
        }
        List<double[]> out = new ArrayList<>();
        for (double[][] stroke : strokes) {
            if (stroke.length == 0) {
                continue;
            }
            out.add(stroke[0].clone());
            double carried = 0;     // arc length since the last point put out
            for (int i = 1; i < stroke.length; i++) {
                double[] a = stroke[i - 1];
                double[] b = stroke[i];
                double length = Math.hypot(b[0] - a[0], b[1] - a[1]);
                double along = spacing - carried;
                while (along <= length) {
                    double f = along / length;
                    out.add(new double[] {a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])});
                    along += spacing;
                }
                carried = length - (along - spacing);
            }
        }
        return out.toArray(double[][]::new);
    }

    /**
     * Reads two numeric columns (x, y); see {@link UserDataCsv} for what is accepted and what is refused.
     *
     * @param source what to call the text in messages (the file name)
     */
    public static UserData parseCsv(String text, String source) {
        return UserDataCsv.parse(text, source);
    }

    /** The points as CSV with header {@code x,y}, full precision (reads back bit for bit). */
    public String toCsv() {
        StringBuilder b = new StringBuilder(points.length * 40).append("x,y\n");
        for (double[] p : points) {
            b.append(p[0]).append(',').append(p[1]).append('\n');
        }
        return b.toString();
    }

    /** The same points shifted and scaled to mean 0 and unit variance per dimension (e.g. a CSV in other units). */
    public UserData standardised() {
        double[] m = UserDataset.moments(points);
        double[][] out = new double[points.length][2];
        for (int i = 0; i < points.length; i++) {
            for (int d = 0; d < 2; d++) {
                double sd = Math.sqrt(m[2 + d]);
                out[i][d] = sd > 0 ? (points[i][d] - m[d]) / sd : points[i][d] - m[d];
            }
        }
        return new UserData(out);
    }

    public String id() {
        return id;
    }

    public int size() {
        return points.length;
    }

    /** Point i in raw units (a copy). */
    public double[] point(int i) {
        return points[i].clone();
    }

    /** All points (a deep copy). */
    public double[][] points() {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = points[i].clone();
        }
        return out;
    }

    double x(int i) {
        return points[i][0];
    }

    double y(int i) {
        return points[i][1];
    }

    private static String fingerprint(double[][] points) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
            for (double[] p : points) {
                buffer.clear();
                buffer.putDouble(p[0]).putDouble(p[1]);
                sha.update(buffer.array());
            }
            return ID_PREFIX + HexFormat.of().formatHex(sha.digest()).substring(0, 12).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserData u && u.id.equals(id) && java.util.Arrays.deepEquals(u.points, points);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "UserData[" + id + ", " + points.length + " points]";
    }

    /** UTF-8 bytes of {@link #toCsv()} (the model file's data entry). */
    public byte[] csvBytes() {
        return toCsv().getBytes(StandardCharsets.UTF_8);
    }
}
