package org.diffusionlab.data;

import java.util.SplittableRandom;

/**
 * The paper's two-dimensional swiss roll, standardised to zero mean and unit variance per dimension.
 *
 * <p>A raw point is {@code (t cos t, t sin t)} plus isotropic Gaussian noise of standard deviation
 * {@code noiseStd}, with {@code t = 1.5 pi (1 + 2u)} and {@code u ~ U(0, 1)}. Every point this class
 * hands out is in <em>scaled</em> coordinates {@code (raw - mean) / scale}.
 *
 * <p>The standardisation constants are exact: the mean and variance of the noise-free curve come from
 * closed-form integrals over {@code t} (so they depend on neither the seed nor the sample size), and the
 * noise adds {@code noiseStd^2} to each dimension's variance, so the noisy data has unit variance too.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SwissRoll implements Dataset {

    /** Default raw noise standard deviation of {@link #standard()}. */
    public static final double DEFAULT_NOISE_STD = 0.1;

    /** The roll's angle runs over {@code [T_MIN, T_MAX]} as {@code u} runs over {@code [0, 1]}. */
    public static final double T_MIN = 1.5 * Math.PI;
    /** Upper end of the roll's angle. */
    public static final double T_MAX = 4.5 * Math.PI;

    private static final int DIMENSIONS = 2;

    private final double noiseStd;
    private final double[] mean;
    private final double[] scale;

    /**
     * Points drawn from the roll together with each point's place on it.
     *
     * @param points {@code [n][2]} points in scaled coordinates
     * @param u      {@code [n]} curve parameter in {@code [0, 1)} of each point (0 = inner end, 1 = outer end)
     */
    public record Sample(double[][] points, double[] u) {
        /** Number of points. */
        public int size() {
            return u.length;
        }
    }

    /**
     * A swiss roll with the given raw noise.
     *
     * @param noiseStd standard deviation of the isotropic Gaussian noise in raw (unscaled) units; 0 gives the
     *                 noise-free curve
     * @throws IllegalArgumentException if {@code noiseStd} is negative, NaN or infinite
     */
    public SwissRoll(double noiseStd) {
        if (!(noiseStd >= 0) || Double.isInfinite(noiseStd)) {
            throw new IllegalArgumentException(
                    "swiss roll noise standard deviation must be finite and >= 0, got " + noiseStd);
        }
        this.noiseStd = noiseStd;
        double[] curveMean = curveMeanRaw();
        double[] curveVariance = curveVarianceRaw();
        this.mean = curveMean;
        this.scale = new double[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
            scale[d] = Math.sqrt(curveVariance[d] + noiseStd * noiseStd);
        }
    }

    /** The default roll: raw noise 0.1. */
    public static SwissRoll standard() {
        return new SwissRoll(DEFAULT_NOISE_STD);
    }

    /** The noise-free roll (the paper preset): all mass on the curve. */
    public static SwissRoll noiseFree() {
        return new SwissRoll(0.0);
    }

    /** Raw noise standard deviation. */
    public double noiseStd() {
        return noiseStd;
    }

    /** Number of dimensions (always 2). */
    @Override
    public String name() {
        return "swissroll";
    }

    @Override
    public int dims() {
        return dimensions();
    }

    public int dimensions() {
        return DIMENSIONS;
    }

    /** Per-dimension mean subtracted from raw points (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Per-dimension scale raw points are divided by after centring (a copy): the raw standard deviation. */
    public double[] scale() {
        return scale.clone();
    }

    /** Noise standard deviation of dimension {@code dim} in scaled coordinates. */
    public double noiseStdScaled(int dim) {
        return noiseStd / scale[dim];
    }

    /** The roll's angle at curve parameter {@code u}. */
    public static double angle(double u) {
        return T_MIN + (T_MAX - T_MIN) * u;
    }

    /**
     * The noise-free point at curve parameter {@code u}, in scaled coordinates.
     *
     * @param u curve parameter; {@code [0, 1]} covers the roll (other values extrapolate the spiral)
     * @return a new array {@code {x, y}}
     */
    public double[] curvePoint(double u) {
        double t = angle(u);
        return new double[] {
            (t * Math.cos(t) - mean[0]) / scale[0],
            (t * Math.sin(t) - mean[1]) / scale[1]
        };
    }

    /**
     * An upper bound, per dimension, on the curve's speed {@code |dm_d/du|} in scaled coordinates over
     * {@code u in [0, 1]}. From {@code |d(t cos t)/dt| = |cos t - t sin t| <= 1 + t} (same for sin) and
     * {@code dt/du = T_MAX - T_MIN}. Used to choose quadrature grids fine enough along the curve.
     */
    public double[] curveSpeedBoundScaled() {
        double rawBound = (T_MAX - T_MIN) * (1 + T_MAX);
        return new double[] {rawBound / scale[0], rawBound / scale[1]};
    }

    /**
     * {@code n} points drawn from the stream of {@code seed}; the same seed always gives the same points.
     *
     * @return {@code [n][2]} points in scaled coordinates
     */
    @Override
    public double[][] sample(int n, long seed) {
        return sampleWithParameter(n, seed).points();
    }

    /** The points of {@link #sample(int, long)} coloured by their place on the roll: the curve parameter {@code u}. */
    @Override
    public Coloured sampleColoured(int n, long seed) {
        Sample s = sampleWithParameter(n, seed);
        return new Coloured(s.points(), s.u().clone());
    }

    /** Like {@link #sample(int, long)}, also returning each point's curve parameter {@code u}. */
    public Sample sampleWithParameter(int n, long seed) {
        return draw(n, new SplittableRandom(seed));
    }

    /** Training points for {@code seed}: see {@link #trainSample(int, long)}. */
    public double[][] trainSet(int n, long seed) {
        return trainSample(n, seed).points();
    }

    /** Held-out points for {@code seed}: see {@link #holdoutSample(int, long)}. */
    public double[][] holdoutSet(int n, long seed) {
        return holdoutSample(n, seed).points();
    }

    /**
     * Training points with their curve parameters. Training and held-out points come from two streams split
     * off one root generator seeded with {@code seed}; split streams have different increments, so they are
     * independent and (barring a 64-bit collision) share no point, for any sizes.
     */
    public Sample trainSample(int n, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        return draw(n, root.split());
    }

    /** Held-out points with their curve parameters: the second stream split off the root (see {@link #trainSample}). */
    public Sample holdoutSample(int n, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        root.split(); // the training stream
        return draw(n, root.split());
    }

    private Sample draw(int n, SplittableRandom random) {
        if (n < 0) {
            throw new IllegalArgumentException("number of points must be >= 0, got " + n);
        }
        double[][] points = new double[n][DIMENSIONS];
        double[] parameters = new double[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            // Always draw both noise values so that rolls of different noise share u for the same seed.
            double noiseX = random.nextGaussian() * noiseStd;
            double noiseY = random.nextGaussian() * noiseStd;
            double t = angle(u);
            points[i][0] = (t * Math.cos(t) + noiseX - mean[0]) / scale[0];
            points[i][1] = (t * Math.sin(t) + noiseY - mean[1]) / scale[1];
            parameters[i] = u;
        }
        return new Sample(points, parameters);
    }

    /**
     * Mean of the noise-free curve with {@code t} uniform on {@code [T_MIN, T_MAX]}, from the antiderivatives
     * {@code int t cos t = t sin t + cos t} and {@code int t sin t = sin t - t cos t}.
     */
    static double[] curveMeanRaw() {
        double width = T_MAX - T_MIN;
        double meanX = (integralTCos(T_MAX) - integralTCos(T_MIN)) / width;
        double meanY = (integralTSin(T_MAX) - integralTSin(T_MIN)) / width;
        return new double[] {meanX, meanY};
    }

    /**
     * Variance of the noise-free curve, from {@code t^2 cos^2 t = t^2/2 + t^2 cos(2t)/2} (and the sin
     * counterpart with a minus sign), integrated in closed form.
     */
    static double[] curveVarianceRaw() {
        double width = T_MAX - T_MIN;
        double[] curveMean = curveMeanRaw();
        double halfCube = (cubeOverSix(T_MAX) - cubeOverSix(T_MIN)) / width;
        double oscillating = (integralTSquaredCos2T(T_MAX) - integralTSquaredCos2T(T_MIN)) / width / 2;
        double secondMomentX = halfCube + oscillating;
        double secondMomentY = halfCube - oscillating;
        return new double[] {
            secondMomentX - curveMean[0] * curveMean[0],
            secondMomentY - curveMean[1] * curveMean[1]
        };
    }

    private static double integralTCos(double t) {
        return t * Math.sin(t) + Math.cos(t);
    }

    private static double integralTSin(double t) {
        return Math.sin(t) - t * Math.cos(t);
    }

    private static double cubeOverSix(double t) {
        return t * t * t / 6;
    }

    /** Antiderivative of {@code t^2 cos(2t)}. */
    private static double integralTSquaredCos2T(double t) {
        return t * t * Math.sin(2 * t) / 2 + t * Math.cos(2 * t) / 2 - Math.sin(2 * t) / 4;
    }

    @Override
    public String toString() {
        return "SwissRoll[noiseStd=" + noiseStd + "]";
    }
}
