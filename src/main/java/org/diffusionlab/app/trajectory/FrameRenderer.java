package org.diffusionlab.app.trajectory;

import org.diffusionlab.app.ui.ColourMap;
import org.diffusionlab.app.ui.PointRaster;
import org.diffusionlab.engine.gaussian.KernelField;
import org.diffusionlab.engine.gaussian.Trajectory;

/**
 * Draws one view of a {@link TrajectoryFrames} at a step t into a {@link PointRaster}: the variance heat map, the
 * points coloured by their colour coordinate, the followed paths and the drift arrows. Pure pixel arithmetic on plain
 * arrays, so the screen (through a WritableImage) and the exports (on a background thread) draw the same pictures.
 */
public final class FrameRenderer {

    /** Colours of a view, read from the stylesheet by the pane (opaque ARGB ints). */
    public record Style(int background, int frame, int axis, int ink, int arrow, int path, ColourMap points,
                        ColourMap heat) {
    }

    /** What to draw besides the points. */
    public record Overlays(boolean drift, boolean heat, boolean paths, boolean ellipses) {
        /** Without the covariance ellipses. */
        public Overlays(boolean drift, boolean heat, boolean paths) {
            this(drift, heat, paths, false);
        }

        public static Overlays none() {
            return new Overlays(false, false, false, false);
        }
    }

    /**
     * What a drawing needs to be read: the factor arrows were lengthened by, and the heat map's range.
     *
     * @param arrowScale drawn arrow length / true drift length (NaN if no arrows were drawn)
     * @param heatLow    variance shown in the lowest colour (beta~_t), NaN if no heat map
     * @param heatHigh   variance shown in the highest colour (beta_t), NaN if no heat map
     * @param ellipseScale drawn ellipse size / true one-standard-deviation ellipse (NaN if none were drawn)
     */
    public record Legend(double arrowScale, double heatLow, double heatHigh, double ellipseScale) {
        public Legend(double arrowScale, double heatLow, double heatHigh) {
            this(arrowScale, heatLow, heatHigh, Double.NaN);
        }
    }

    private FrameRenderer() {
    }

    /**
     * Draws {@code row} of {@code frames} at step {@code t} over the whole raster (which should be square); a null
     * row draws the drift arrows alone.
     *
     * @param follow indices of the points whose paths are drawn (when {@code overlays.paths()})
     */
    public static Legend render(PointRaster raster, TrajectoryFrames frames, Direction row, int t, Overlays overlays,
                                Style style, int[] follow) {
        int size = Math.min(raster.width(), raster.height());
        double extent = frames.extent();
        double scale = size / (2 * extent);
        raster.fill(style.background());

        double heatLow = Double.NaN;
        double heatHigh = Double.NaN;
        if (overlays.heat() && t >= 1) {
            heatLow = frames.posteriorVariance()[t - 1];
            heatHigh = frames.betas()[t - 1];
            drawHeat(raster, frames.heat().variance()[t], frames.heatSide(), size, heatLow, heatHigh, style.heat());
        }
        // axes through the origin
        int mid = (int) Math.round(extent * scale);
        raster.fillRect(0, mid, size, mid + 1, style.axis());
        raster.fillRect(mid, 0, mid + 1, size, style.axis());

        if (row == null) {      // the drift row of the small multiples: arrows only
            double arrowScale = t >= 1 ? drawArrows(raster, frames.arrows(), t, extent, scale, style) : Double.NaN;
            raster.outline(style.frame());
            return new Legend(arrowScale, heatLow, heatHigh);
        }
        Trajectory tr = frames.trajectory(row);
        float[] colour = frames.colours(row);
        drawPoints(raster, tr, t, colour, extent, scale, size, style);

        if (overlays.paths() && follow != null) {
            drawPaths(raster, tr, row, t, follow, extent, scale, size, style);
        }
        double ellipseScale = Double.NaN;
        if (overlays.ellipses() && t >= 1) {
            ellipseScale = drawEllipses(raster, frames.arrows(), t, extent, scale, style);
        }
        double arrowScale = Double.NaN;
        if (overlays.drift() && t >= 1) {
            arrowScale = drawArrows(raster, frames.arrows(), t, extent, scale, style);
        }
        raster.outline(style.frame());
        return new Legend(arrowScale, heatLow, heatHigh, ellipseScale);
    }

    /** Dot side in pixels and opacity for n points on a raster of {@code size} pixels. */
    static int dotSize(int size) {
        return Math.max(1, (int) Math.round(size / 260.0));
    }

    static int alphaFor(int n) {
        return (int) Math.max(50, Math.min(210, 190 * Math.sqrt(10_000.0 / Math.max(1, n))));
    }

    private static void drawPoints(PointRaster raster, Trajectory tr, int t, float[] colour, double extent,
                                   double scale, int size, Style style) {
        int n = tr.points();
        int dot = dotSize(size);
        int alpha = alphaFor(n);
        ColourMap map = style.points();
        for (int i = 0; i < n; i++) {
            double px = (tr.coordinate(t, i, 0) + extent) * scale;
            double py = (extent - tr.coordinate(t, i, 1)) * scale;
            float c = colour[i];
            raster.dot(px, py, dot, Float.isNaN(c) ? style.ink() : map.argb(c), alpha);
        }
    }

    /**
     * The variance grid, bilinearly interpolated between cell centres, mapped from [low, high] to the heat map. The
     * grid is normalised once, each pixel row interpolates the grid's rows once, and the per-column weights are shared
     * by every row, so a pixel costs one interpolation and a table lookup.
     */
    private static void drawHeat(PointRaster raster, float[] variance, int side, int size, double low, double high,
                                 ColourMap map) {
        double range = high - low;
        float[] unit = new float[variance.length];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = range > 0 ? (float) ((variance[i] - low) / range) : 1f;
        }
        int[] column = new int[size];
        float[] weight = new float[size];
        for (int x = 0; x < size; x++) {
            double gx = Math.max(0, Math.min(side - 1.0, (x + 0.5) * side / size - 0.5));
            column[x] = Math.min(side - 2, (int) gx);
            weight[x] = (float) (gx - column[x]);
        }
        float[] row = new float[side];
        int[] px = raster.pixels();
        int width = raster.width();
        int last = ColourMap.SIZE - 1;
        for (int y = 0; y < size; y++) {
            double gy = Math.max(0, Math.min(side - 1.0, (y + 0.5) * side / size - 0.5));
            int r0 = Math.min(side - 2, (int) gy);
            float fy = (float) (gy - r0);
            for (int c = 0; c < side; c++) {
                row[c] = unit[r0 * side + c] * (1 - fy) + unit[(r0 + 1) * side + c] * fy;
            }
            int offset = y * width;
            for (int x = 0; x < size; x++) {
                float v = row[column[x]] * (1 - weight[x]) + row[column[x] + 1] * weight[x];
                int k = (int) (v * last + 0.5f);
                px[offset + x] = map.entry(k < 0 ? 0 : k > last ? last : k);
            }
        }
    }

    private static void drawPaths(PointRaster raster, Trajectory tr, Direction row, int t, int[] follow,
                                  double extent, double scale, int size, Style style) {
        int steps = tr.steps();
        int thickness = Math.max(1, size / 400);
        for (int i : follow) {
            if (i < 0 || i >= tr.points()) {
                continue;
            }
            // the path so far: from x_0 up to x_t under q, from x_T down to x_t under p
            int from = row == Direction.FORWARD ? 0 : steps;
            int step = row == Direction.FORWARD ? 1 : -1;
            double px = (tr.coordinate(from, i, 0) + extent) * scale;
            double py = (extent - tr.coordinate(from, i, 1)) * scale;
            for (int s = from; s != t; s += step) {
                double nx = (tr.coordinate(s + step, i, 0) + extent) * scale;
                double ny = (extent - tr.coordinate(s + step, i, 1)) * scale;
                raster.line(px, py, nx, ny, thickness, (0x90 << 24) | (style.path() & 0xffffff));
                px = nx;
                py = ny;
            }
            int ring = Math.max(5, size / 80);
            raster.dot(px, py, ring + 2, style.background(), 255);
            raster.dot(px, py, ring, style.path(), 255);
        }
    }

    /**
     * Draws the reverse kernel's covariance at t as its one-standard-deviation ellipse at every other grid point of the
     * arrow grid, scaled together so that the largest spans most of its cell (a shared factor keeps sizes comparable);
     * returns the factor. A diagonal kernel's ellipses are upright; a full-covariance one's follow the data's slant.
     */
    private static double drawEllipses(PointRaster raster, KernelField field, int t, double extent, double scale,
                                       Style style) {
        float[] cov = field.covariance()[t];
        float[] at = field.points();
        int n = field.size();
        CovarianceEllipse[] ellipses = new CovarianceEllipse[n];
        double largest = 0;
        for (int i = 0; i < n; i++) {
            ellipses[i] = CovarianceEllipse.of(cov[3 * i], cov[3 * i + 1], cov[3 * i + 2]);
            largest = Math.max(largest, ellipses[i].major());
        }
        if (!(largest > 0)) {
            return Double.NaN;
        }
        int side = (int) Math.round(Math.sqrt(n));
        int stride = 2;                           // every other grid point: room for each ellipse to be read
        double cell = 2 * extent / side * stride;
        double factor = 0.45 * cell / largest;
        int thickness = Math.max(1, raster.width() / 600);
        int colour = (0xd0 << 24) | (style.path() & 0xffffff);
        int segments = 32;
        for (int i = 0; i < n; i++) {
            if ((i / side) % stride != stride / 2 || (i % side) % stride != stride / 2) {
                continue;
            }
            double cx = (at[2 * i] + extent) * scale;
            double cy = (extent - at[2 * i + 1]) * scale;
            double[] prev = ellipses[i].point(0);
            for (int k = 1; k <= segments; k++) {
                double[] next = ellipses[i].point(2 * Math.PI * k / segments);
                raster.line(cx + prev[0] * factor * scale, cy - prev[1] * factor * scale,
                        cx + next[0] * factor * scale, cy - next[1] * factor * scale, thickness, colour);
                prev = next;
            }
        }
        return factor;
    }

    /** Draws the drift arrows, the longest 0.9 grid cells long; returns the factor they were lengthened by. */
    private static double drawArrows(PointRaster raster, KernelField field, int t, double extent, double scale,
                                     Style style) {
        float[] drift = field.drift()[t];
        float[] at = field.points();
        int n = field.size();
        double longest = 0;
        for (int i = 0; i < n; i++) {
            longest = Math.max(longest, Math.hypot(drift[2 * i], drift[2 * i + 1]));
        }
        if (longest <= 0) {
            return Double.NaN;
        }
        int side = (int) Math.round(Math.sqrt(n));
        // small views show every other arrow, so that they stay arrows rather than a texture
        int stride = raster.width() < 320 ? 2 : 1;
        double cell = 2 * extent / side * stride;
        double factor = 0.9 * cell / longest;
        int thickness = Math.max(1, raster.width() / 500);
        for (int i = 0; i < n; i++) {
            if ((i / side) % stride != 0 || (i % side) % stride != 0) {
                continue;
            }
            double x0 = (at[2 * i] + extent) * scale;
            double y0 = (extent - at[2 * i + 1]) * scale;
            double x1 = x0 + drift[2 * i] * factor * scale;
            double y1 = y0 - drift[2 * i + 1] * factor * scale;
            raster.arrow(x0, y0, x1, y1, thickness, Math.max(3, cell * scale * 0.25), style.arrow());
        }
        return factor;
    }
}
