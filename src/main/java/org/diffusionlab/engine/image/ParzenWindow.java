package org.diffusionlab.engine.image;

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
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("The window width must be positive, got " + sigma);
        }
        int n = samples.length;
        int d = samples[0].length;
        double logNorm = -0.5 * d * Math.log(2 * Math.PI * sigma * sigma) - Math.log(n);
        double inv = 1 / (2 * sigma * sigma);
        double[] out = new double[points.length];
        double[] e = new double[n];
        for (int j = 0; j < points.length; j++) {
            float[] x = points[j];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                float[] s = samples[i];
                double sq = 0;
                for (int k = 0; k < d; k++) {
                    double diff = x[k] - s[k];
                    sq += diff * diff;
                }
                e[i] = -sq * inv;
                max = Math.max(max, e[i]);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.exp(e[i] - max);
            }
            out[j] = (max + Math.log(sum) + logNorm) / Math.log(2);
        }
        return out;
    }

    /** The width of the grid that maximises the mean log-likelihood of the validation points. */
    public static double chooseSigma(float[][] samples, float[][] validation, double[] grid) {
        double best = Double.NaN;
        double bestLl = Double.NEGATIVE_INFINITY;
        for (double s : grid) {
            double ll = mean(logLikelihoodsBits(samples, validation, s));
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
