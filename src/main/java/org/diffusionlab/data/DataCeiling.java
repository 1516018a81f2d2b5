package org.diffusionlab.data;

import java.util.function.DoubleFunction;

/**
 * The log-likelihood reference ("data ceiling") for models whose last reverse step is the fixed forward
 * kernel with {@code beta_1}: {@code E_holdout log2 (q_data * N(0, beta_1 I))(x_0)}, in bits per point
 * (summed over dimensions).
 *
 * <p>The swiss roll's density is a one-dimensional family of Gaussians,
 * {@code q_data(x) = int_0^1 du N(x; m(u), diag(sigma_d^2))}, with {@code m(u)} the scaled curve and
 * {@code sigma_d} the scaled noise; convolving with {@code N(0, beta_1 I)} only adds {@code beta_1} to each
 * variance. The integral over {@code u} is done by the midpoint rule on {@code M} points, as a log-sum-exp.
 *
 * <p><b>What the number means.</b> {@code q_data * N(0, beta_1)} is what a model gets if everything before
 * its last step reproduces the data exactly. For the noise-free roll it is, up to terms of order
 * {@code beta_1}, the best such a model can do (nothing narrower than the kernel can be put across the
 * curve). For a noisy roll whose noise variance is comparable to {@code beta_1}, a model that feeds the last
 * step points lying closer to the curve than the data can beat it, so it is a reference, not a hard
 * bound (by about 0.11 bits for the default roll with {@code beta_1 = 0.001}: the noise-free curve smoothed
 * by the kernel alone scores -0.17 against -0.28 bits); the hard bound there is {@code -H(q_data)}
 * ({@link #negativeEntropyBits}, +0.37 bits), which is this same quantity with {@code beta_1 = 0}.
 *
 * <p><b>Accuracy.</b> The grid is chosen so that consecutive grid means are at most 1/8 of the kernel's
 * standard deviation apart (whitened units, {@link #gridSizeFor}); the midpoint rule on a Gaussian bump
 * sampled that finely is exact to machine precision away from the curve's two ends. Terms more than
 * {@value #DROPPED_TERM_MARGIN_NATS} nats below the largest are skipped (see {@link #logDensityOfCurveMixture}).
 */
public final class DataCeiling {

    /**
     * Mean log-likelihood in bits per point over {@code n} points and its standard error
     * ({@code NaN} when {@code n = 1}).
     */
    public record Estimate(double meanBits, double standardErrorBits, int n) {
        @Override
        public String toString() {
            return String.format("%.4f ± %.4f bits (n = %d)", meanBits, standardErrorBits, n);
        }
    }

    /** Grid points per kernel standard deviation along the curve, for the roll's automatic grid. */
    public static final int POINTS_PER_KERNEL_WIDTH = 8;
    /** Smallest automatic grid: cheap, and already far finer than needed for wide kernels. */
    public static final int MIN_GRID_SIZE = 20_000;
    /** Largest grid accepted (about 64 MB of means); narrower kernels are refused rather than under-resolved. */
    public static final int MAX_GRID_SIZE = 4_000_000;

    /**
     * Grid terms whose log is more than this below the largest term are skipped. Each skipped term is below
     * {@code e^-40} times the largest, so all of them together change the density by a relative amount below
     * {@code M e^-40} (under 2e-11 for {@code M = MAX_GRID_SIZE}).
     */
    static final double DROPPED_TERM_MARGIN_NATS = 40;

    private static final double LN2 = Math.log(2);

    private DataCeiling() {
    }

    /**
     * The ceiling on held-out points with the automatic grid of {@link #gridSizeFor}.
     *
     * @param roll    the data distribution
     * @param beta1   variance of the first forward step ({@code >= 0}; must be {@code > 0} for the noise-free roll)
     * @param holdout {@code [n][2]} points in scaled coordinates, normally {@code roll.holdoutSet(...)}
     * @return mean of {@code log2 (q_data * N(0, beta_1 I))(x)} over the points, in bits per point
     */
    public static Estimate ceilingBits(SwissRoll roll, double beta1, double[][] holdout) {
        return ceilingBits(roll, beta1, holdout, gridSizeFor(roll, beta1));
    }

    /** As {@link #ceilingBits(SwissRoll, double, double[][])} with an explicit number of grid points. */
    public static Estimate ceilingBits(SwissRoll roll, double beta1, double[][] holdout, int gridSize) {
        return meanBits(logDensity(roll, beta1, holdout, gridSize));
    }

    /**
     * {@code -H(q_data)} estimated on held-out points, in bits per point: no model can have a higher expected
     * log-likelihood (Gibbs' inequality), whatever its last step. Only defined for a noisy roll.
     *
     * @throws IllegalArgumentException for the noise-free roll, whose entropy is minus infinity
     */
    public static Estimate negativeEntropyBits(SwissRoll roll, double[][] holdout) {
        return ceilingBits(roll, 0.0, holdout);
    }

    /**
     * Natural-log density of {@code q_data * N(0, beta_1 I)} at each point (useful for plotting the ceiling
     * density or per-point comparisons with a model).
     */
    public static double[] logDensity(SwissRoll roll, double beta1, double[][] points, int gridSize) {
        return logDensityOfCurveMixture(points, roll::curvePoint, kernelVariance(roll, beta1), gridSize);
    }

    /**
     * Number of midpoint-rule points that puts consecutive curve means at most
     * {@code 1 / POINTS_PER_KERNEL_WIDTH} kernel standard deviations apart, using the roll's bound on the
     * curve's speed; at least {@link #MIN_GRID_SIZE}. About 70,000 for the noise-free roll with
     * {@code beta_1 = 1e-5}.
     *
     * @throws IllegalArgumentException if that would need more than {@link #MAX_GRID_SIZE} points
     */
    public static int gridSizeFor(SwissRoll roll, double beta1) {
        double[] variance = kernelVariance(roll, beta1);
        double[] speedBound = roll.curveSpeedBoundScaled();
        double whitenedSpeedSquared = 0;
        for (int d = 0; d < variance.length; d++) {
            whitenedSpeedSquared += speedBound[d] * speedBound[d] / variance[d];
        }
        double needed = Math.ceil(POINTS_PER_KERNEL_WIDTH * Math.sqrt(whitenedSpeedSquared));
        if (needed > MAX_GRID_SIZE) {
            throw new IllegalArgumentException("kernel too narrow for the quadrature: beta1 = " + beta1
                    + " with " + roll + " needs " + (long) needed + " grid points, more than " + MAX_GRID_SIZE);
        }
        return Math.max(MIN_GRID_SIZE, (int) needed);
    }

    /**
     * Natural-log density of a uniform mixture over a one-parameter family of Gaussians,
     * {@code log int_0^1 du N(x; mean(u), diag(variance))}, at each point, by the midpoint rule with
     * {@code gridSize} points in {@code u} and an exact log-sum-exp.
     *
     * <p>Speed: grid means are grouped into blocks of consecutive points, each with an anchor point and a
     * radius. For a point {@code x}, the distances to the anchors give an upper bound on the distance to the
     * nearest grid mean, and (by the triangle inequality) a lower bound for every block; blocks that cannot
     * hold a term within {@value #DROPPED_TERM_MARGIN_NATS} nats of the largest are skipped. This is safe for
     * any curve and point: the skipped mass is below {@code gridSize * e^-40} relative.
     *
     * @param points    {@code [n][d]} points
     * @param curveMean {@code u -> mean(u)}, a {@code d}-vector, called once per grid point
     * @param variance  per-dimension variance, all {@code > 0}, the same for every {@code u}
     * @param gridSize  number of midpoint-rule points in {@code u}
     * @return {@code [n]} log densities in nats
     */
    public static double[] logDensityOfCurveMixture(double[][] points, DoubleFunction<double[]> curveMean,
                                                    double[] variance, int gridSize) {
        if (gridSize < 1) {
            throw new IllegalArgumentException("grid size must be >= 1, got " + gridSize);
        }
        for (double v : variance) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("variances must be finite and > 0, got " + v);
            }
        }
        WhitenedGrid grid = new WhitenedGrid(curveMean, variance, gridSize);
        double[] result = new double[points.length];
        double[] scratch = new double[gridSize];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != variance.length) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length
                        + " coordinates, expected " + variance.length);
            }
            result[i] = grid.logDensity(points[i], scratch);
        }
        return result;
    }

    /** Mean and standard error, in bits, of per-point log densities given in nats. */
    public static Estimate meanBits(double[] logDensityNats) {
        int n = logDensityNats.length;
        if (n == 0) {
            throw new IllegalArgumentException("need at least one point");
        }
        double sum = 0;
        for (double value : logDensityNats) {
            sum += value / LN2;
        }
        double mean = sum / n;
        double squaredDeviations = 0;
        for (double value : logDensityNats) {
            double deviation = value / LN2 - mean;
            squaredDeviations += deviation * deviation;
        }
        double standardError = n > 1 ? Math.sqrt(squaredDeviations / (n - 1) / n) : Double.NaN;
        return new Estimate(mean, standardError, n);
    }

    /** Per-dimension variance of {@code q_data * N(0, beta_1 I)} around the curve, in scaled units. */
    private static double[] kernelVariance(SwissRoll roll, double beta1) {
        if (!(beta1 >= 0) || Double.isInfinite(beta1)) {
            throw new IllegalArgumentException("beta1 must be finite and >= 0, got " + beta1);
        }
        double[] variance = new double[roll.dimensions()];
        for (int d = 0; d < variance.length; d++) {
            double noise = roll.noiseStdScaled(d);
            variance[d] = noise * noise + beta1;
            if (!(variance[d] > 0)) {
                throw new IllegalArgumentException("the noise-free roll has no density: beta1 must be > 0");
            }
        }
        return variance;
    }

    /**
     * The curve's grid means divided by the kernel's standard deviation per dimension, so every term is
     * {@code exp(-|z - c_j|^2 / 2)} up to one shared constant, plus the block index used to skip far terms.
     */
    private static final class WhitenedGrid {
        private final int dimensions;
        private final int size;
        /** Whitened means, point j at [j * dimensions, (j + 1) * dimensions). */
        private final double[] means;
        private final double[] inverseStd;
        /** log of the Gaussian normaliser times the midpoint weight 1 / size. */
        private final double logNormaliser;
        private final int blockLength;
        private final int blockCount;
        private final int[] anchor;
        private final double[] radius;

        WhitenedGrid(DoubleFunction<double[]> curveMean, double[] variance, int size) {
            this.dimensions = variance.length;
            this.size = size;
            this.inverseStd = new double[dimensions];
            double logNorm = -Math.log(size);
            for (int d = 0; d < dimensions; d++) {
                inverseStd[d] = 1 / Math.sqrt(variance[d]);
                logNorm -= 0.5 * Math.log(2 * Math.PI * variance[d]);
            }
            this.logNormaliser = logNorm;
            this.means = new double[size * dimensions];
            for (int j = 0; j < size; j++) {
                double[] m = curveMean.apply((j + 0.5) / size);
                if (m.length != dimensions) {
                    throw new IllegalArgumentException("curve mean has " + m.length
                            + " coordinates, expected " + dimensions);
                }
                for (int d = 0; d < dimensions; d++) {
                    means[j * dimensions + d] = m[d] * inverseStd[d];
                }
            }
            // sqrt(size) blocks of sqrt(size) points balance the anchor scan against the terms summed.
            this.blockLength = Math.max(8, (int) Math.sqrt(size));
            this.blockCount = (size + blockLength - 1) / blockLength;
            this.anchor = new int[blockCount];
            this.radius = new double[blockCount];
            for (int b = 0; b < blockCount; b++) {
                int start = b * blockLength;
                int end = Math.min(size, start + blockLength);
                anchor[b] = (start + end) / 2;
                double largest = 0;
                for (int j = start; j < end; j++) {
                    largest = Math.max(largest, distanceSquaredBetween(j, anchor[b]));
                }
                radius[b] = Math.sqrt(largest);
            }
        }

        double logDensity(double[] point, double[] scratch) {
            double[] z = new double[dimensions];
            for (int d = 0; d < dimensions; d++) {
                z[d] = point[d] * inverseStd[d];
            }
            // Anchors are grid points, so the nearest anchor bounds the nearest grid mean's distance from above.
            double[] anchorDistance = new double[blockCount];
            double nearestBound = Double.POSITIVE_INFINITY;
            for (int b = 0; b < blockCount; b++) {
                anchorDistance[b] = Math.sqrt(distanceSquaredTo(z, anchor[b]));
                nearestBound = Math.min(nearestBound, anchorDistance[b]);
            }
            // A term is worth keeping only if its squared distance is within 2 * margin of the nearest one's.
            double keepSquared = nearestBound * nearestBound + 2 * DROPPED_TERM_MARGIN_NATS;
            int kept = 0;
            double smallest = Double.POSITIVE_INFINITY;
            for (int b = 0; b < blockCount; b++) {
                double gap = anchorDistance[b] - radius[b];
                if (gap > 0 && gap * gap > keepSquared) {
                    continue;
                }
                int end = Math.min(size, (b + 1) * blockLength);
                for (int j = b * blockLength; j < end; j++) {
                    double q = distanceSquaredTo(z, j);
                    scratch[kept++] = q;
                    smallest = Math.min(smallest, q);
                }
            }
            double sum = 0;
            for (int i = 0; i < kept; i++) {
                sum += Math.exp(-0.5 * (scratch[i] - smallest));
            }
            return logNormaliser - 0.5 * smallest + Math.log(sum);
        }

        private double distanceSquaredTo(double[] z, int j) {
            double total = 0;
            int offset = j * dimensions;
            for (int d = 0; d < dimensions; d++) {
                double diff = z[d] - means[offset + d];
                total += diff * diff;
            }
            return total;
        }

        private double distanceSquaredBetween(int i, int j) {
            double total = 0;
            for (int d = 0; d < dimensions; d++) {
                double diff = means[i * dimensions + d] - means[j * dimensions + d];
                total += diff * diff;
            }
            return total;
        }
    }
}
