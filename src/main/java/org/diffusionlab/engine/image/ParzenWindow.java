package org.diffusionlab.engine.image;

import java.util.stream.IntStream;

/**
 * The Parzen-window log-likelihood used for the paper's Table 2 (after Breuleux et al. and Goodfellow et al.): a
 * mixture of isotropic Gaussians of width sigma centred on model samples, log p(x) = log (1/N) sum_i N(x; s_i,
 * sigma^2 I), in pixel space ([0, 1] grey levels), reported in bits. The width is chosen on a validation split.
 */
public final class ParzenWindow {

    /** Mean log-likelihood (bits) and its standard error over the points. */
    public record Result(double sigma, double meanBits, double standardErrorBits, int samples, int points) {
    }

    private ParzenWindow() {
    }

    /** The log-likelihood in bits of every point under the window of width sigma on the samples. */
    public static double[] logLikelihoodsBits(float[][] samples, float[][] points, double sigma) {
        return logLikelihoodsBits(squaredDistances(samples, points), samples[0].length, sigma);
    }

    /**
     * Squared distance from every point to every sample ([point][sample]); computed once and shared by every
     * window width tried, since it is nearly all of the work. Points are spread over the cores.
     */
    public static double[][] squaredDistances(float[][] samples, float[][] points) {
        double[][] out = new double[points.length][];
        IntStream.range(0, points.length).parallel().forEach(j -> {
            float[] x = points[j];
            double[] row = new double[samples.length];
            for (int i = 0; i < samples.length; i++) {
                float[] s = samples[i];
                double sq = 0;
                for (int k = 0; k < x.length; k++) {
                    double diff = x[k] - s[k];
                    sq += diff * diff;
                }
                row[i] = sq;
            }
            out[j] = row;
        });
        return out;
    }

    /** The log-likelihoods in bits, from the squared distances of {@link #squaredDistances} in d dimensions. */
    static double[] logLikelihoodsBits(double[][] squaredDistances, int d, double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("The window width must be positive, got " + sigma);
        }
        double[] out = new double[squaredDistances.length];
        double logNorm = -0.5 * d * Math.log(2 * Math.PI * sigma * sigma);
        double inv = 1 / (2 * sigma * sigma);
        for (int j = 0; j < out.length; j++) {
            double[] sq = squaredDistances[j];
            double min = Double.POSITIVE_INFINITY;
            for (double v : sq) {
                min = Math.min(min, v);
            }
            double sum = 0;
            for (double v : sq) {
                sum += Math.exp(-(v - min) * inv);
            }
            out[j] = (-min * inv + Math.log(sum / sq.length) + logNorm) / Math.log(2);
        }
        return out;
    }

    /** The width of the grid that maximises the mean log-likelihood of the validation points. */
    public static double chooseSigma(float[][] samples, float[][] validation, double[] grid) {
        return chooseSigma(squaredDistances(samples, validation), samples[0].length, grid);
    }

    private static double chooseSigma(double[][] squaredDistances, int d, double[] grid) {
        double best = Double.NaN;
        double bestLl = Double.NEGATIVE_INFINITY;
        for (double s : grid) {
            double ll = mean(logLikelihoodsBits(squaredDistances, d, s));
            if (ll > bestLl) {
                bestLl = ll;
                best = s;
            }
        }
        return best;
    }

    /** Chooses sigma on the validation points (log-spaced grid 0.05..0.5), then scores the test points. */
    public static Result evaluate(float[][] samples, float[][] validation, float[][] test) {
        double[] grid = new double[19];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = 0.05 * Math.pow(10, i / 18.0);
        }
        double sigma = chooseSigma(samples, validation, grid);
        double[] ll = logLikelihoodsBits(samples, test, sigma);
        double m = mean(ll);
        double var = 0;
        for (double v : ll) {
            var += (v - m) * (v - m);
        }
        return new Result(sigma, m, Math.sqrt(var / (ll.length - 1) / ll.length), samples.length, test.length);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
