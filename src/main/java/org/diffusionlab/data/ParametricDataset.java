package org.diffusionlab.data;

import java.util.SplittableRandom;

/**
 * A two-dimensional data set whose noise-free points are {@code m(u)} for {@code u ~ U(0, 1)}, plus isotropic Gaussian
 * noise of standard deviation {@code noiseStd} in raw units, standardised to zero mean and unit variance per
 * dimension (as the swiss roll is). The colour coordinate of a point is {@link #colourOf(double)} of its {@code u}.
 *
 * <p>The standardisation uses the noise-free points' exact mean and variance (from {@link #rawMoments()}) plus the
 * noise variance, so the data, noise included, has unit variance whatever the seed or sample size.
 *
 * <p>Subclasses are immutable and thread-safe.
 */
public abstract class ParametricDataset implements Dataset {

    private static final int DIMENSIONS = 2;

    private final double noiseStd;
    private final double[] mean;
    private final double[] scale;

    /**
     * @param noiseStd raw noise standard deviation, finite and {@code >= 0}
     * @param moments  {meanX, meanY, varianceX, varianceY} of the noise-free points {@code m(u)}, {@code u ~ U(0, 1)}
     */
    protected ParametricDataset(double noiseStd, double[] moments) {
        if (!(noiseStd >= 0) || Double.isInfinite(noiseStd)) {
            throw new IllegalArgumentException("noise standard deviation must be finite and >= 0, got " + noiseStd);
        }
        this.noiseStd = noiseStd;
        this.mean = new double[] {moments[0], moments[1]};
        this.scale = new double[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
            double variance = moments[2 + d] + noiseStd * noiseStd;
            if (!(variance > 0)) {
                throw new IllegalArgumentException("the data have no spread in dimension " + (d + 1)
                        + "; add noise or points that differ there");
            }
            scale[d] = Math.sqrt(variance);
        }
    }

    /** The noise-free point at {@code u} in {@code [0, 1)}, raw units, written to {@code out[0..1]}. */
    protected abstract void rawPoint(double u, double[] out);

    /** Where a point of parameter {@code u} lies on the data, in {@code [0, 1]}. */
    protected abstract double colourOf(double u);

    /**
     * Mean and variance of {@code m(u)} by the midpoint rule on {@code gridSize} points: exact for piecewise-constant
     * {@code m} with pieces on the grid, and for smooth closed curves far beyond double precision's needs.
     *
     * @return {meanX, meanY, varianceX, varianceY}
     */
    protected static double[] midpointMoments(java.util.function.BiConsumer<Double, double[]> point, int gridSize) {
        double[] p = new double[DIMENSIONS];
        double sx = 0;
        double sy = 0;
        for (int j = 0; j < gridSize; j++) {
            point.accept((j + 0.5) / gridSize, p);
            sx += p[0];
            sy += p[1];
        }
        double mx = sx / gridSize;
        double my = sy / gridSize;
        double vx = 0;
        double vy = 0;
        for (int j = 0; j < gridSize; j++) {
            point.accept((j + 0.5) / gridSize, p);
            vx += (p[0] - mx) * (p[0] - mx);
            vy += (p[1] - my) * (p[1] - my);
        }
        return new double[] {mx, my, vx / gridSize, vy / gridSize};
    }

    public double noiseStd() {
        return noiseStd;
    }

    @Override
    public int dims() {
        return DIMENSIONS;
    }

    /** Per-dimension mean subtracted from raw points (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Per-dimension scale raw points are divided by after centring (a copy). */
    public double[] scale() {
        return scale.clone();
    }

    /** The noise-free point at {@code u}, standardised. */
    public double[] curvePoint(double u) {
        double[] p = new double[DIMENSIONS];
        rawPoint(u, p);
        for (int d = 0; d < DIMENSIONS; d++) {
            p[d] = (p[d] - mean[d]) / scale[d];
        }
        return p;
    }

    @Override
    public double[][] sample(int n, long seed) {
        return sampleColoured(n, seed).points();
    }

    @Override
    public Coloured sampleColoured(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("number of points must be >= 0, got " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] points = new double[n][DIMENSIONS];
        double[] colour = new double[n];
        double[] raw = new double[DIMENSIONS];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            rawPoint(u, raw);
            for (int d = 0; d < DIMENSIONS; d++) {
                points[i][d] = (raw[d] + random.nextGaussian() * noiseStd - mean[d]) / scale[d];
            }
            colour[i] = colourOf(u);
        }
        return new Coloured(points, colour);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[noiseStd=" + noiseStd + "]";
    }
}
