package org.diffusionlab.engine.posterior;

import java.util.Random;
import org.diffusionlab.engine.Workspaces;
import org.diffusionlab.engine.gaussian.ReverseKernel;
import org.diffusionlab.engine.gaussian.Trajectory;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Samples a 2-D model multiplied by a Gaussian r(x_0) = N(x_0; c, s^2 I) (the paper's section 2.5), each reverse step
 * multiplied in closed form. Step t's kernel is multiplied by h_{t-1}(x_{t-1}) = E[r(x_0) | x_{t-1}], with x_0 given
 * x_t taken as under N(0, I) data, N(sqrt(abar_t) x_t, (1 - abar_t) I): h_t(x) ∝ N(x; c / sqrt(abar_t),
 * (s^2 + 1 - abar_t) / abar_t I), and h_0 = r (r diffused back along the forward process). For data ~ N(0, I) with the exact kernel this draws exactly from
 * p(x_0) r(x_0) / Z (the test checks it). Multiplying every step by r itself, as a literal reading of the paper
 * suggests, does not: on that case its long chain tends to p r^2 (mean and variance measured off by the square).
 *
 * <p>Each product N(mu, Sigma) N(c_t, w_t I) is Gaussian with gain K = Sigma (Sigma + w_t I)^-1: mean
 * mu + K (c_t - mu), covariance Sigma - K Sigma, exact for the full or the diagonal kernel.
 */
public final class GaussianTilt {

    private GaussianTilt() {
    }

    /** Refuses an r that is not a proper Gaussian (non-finite centre, or a spread that is not positive). */
    public static void check(double[] centre, double std) {
        if (centre.length != 2 || !Double.isFinite(centre[0]) || !Double.isFinite(centre[1])) {
            throw new IllegalArgumentException("r's centre must be two finite numbers");
        }
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("r's standard deviation must be a positive number, got " + std);
        }
    }

    /** A reverse trajectory of n points of the model multiplied by r: frames[t] = x_t, t = 0..T. */
    public static Trajectory sample(ReverseKernel kernel, double[] centre, double std, int n, long seed) {
        check(centre, std);
        if (kernel.dims() != 2) {
            throw new IllegalArgumentException("A Gaussian r is for 2-D models");
        }
        BetaSchedule s = kernel.schedule();
        int steps = s.steps();
        Random rng = new Random(seed);
        float[][] frames = new float[steps + 1][];
        double[] x = new double[2 * n];
        // x_T ~ pi(x_T) h_T(x_T): N(0, I) N(c_T, w_T I) is isotropic with precision 1 + 1/w_T
        double w = tiltVariance(s, steps, std);
        double v = 1 / (1 + 1 / w);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                x[2 * i + k] = v * tiltMean(s, steps, centre[k]) / w + Math.sqrt(v) * rng.nextGaussian();
            }
        }
        frames[steps] = toFloat(x);
        for (int t = steps; t >= 1; t--) {
            double[] mean;
            double[] var;
            double[] cov;
            try (MemoryWorkspace ws = Workspaces.open("gaussian-tilt")) {
                INDArray xt = Nd4j.createFromArray(x).reshape(n, 2).castTo(kernel.network().dataType());
                ReverseKernel.Moments m = kernel.moments(xt, t);
                mean = m.mean().castTo(DataType.DOUBLE).dup().data().asDouble();
                var = m.variance().castTo(DataType.DOUBLE).dup().data().asDouble();
                cov = m.covariance().castTo(DataType.DOUBLE).dup().data().asDouble();
            }
            double wt = tiltVariance(s, t - 1, std);
            double cx = tiltMean(s, t - 1, centre[0]);
            double cy = tiltMean(s, t - 1, centre[1]);
            for (int i = 0; i < n; i++) {
                double a = var[2 * i];
                double d = var[2 * i + 1];
                double b = cov[i];
                // K = Sigma M^-1, M = Sigma + w I
                double det = (a + wt) * (d + wt) - b * b;
                double k11 = (a * (d + wt) - b * b) / det;
                double k12 = (-a * b + b * (a + wt)) / det;
                double k21 = (b * (d + wt) - d * b) / det;
                double k22 = (-b * b + d * (a + wt)) / det;
                double ex = cx - mean[2 * i];
                double ey = cy - mean[2 * i + 1];
                double mx = mean[2 * i] + k11 * ex + k12 * ey;
                double my = mean[2 * i + 1] + k21 * ex + k22 * ey;
                // covariance Sigma - K Sigma (symmetric), drawn through its Cholesky factor
                double c11 = a - (k11 * a + k12 * b);
                double c12 = b - (k11 * b + k12 * d);
                double c22 = d - (k21 * b + k22 * d);
                double l11 = Math.sqrt(Math.max(0, c11));
                double l21 = l11 > 0 ? c12 / l11 : 0;
                double l22 = Math.sqrt(Math.max(0, c22 - l21 * l21));
                double e1 = rng.nextGaussian();
                double e2 = rng.nextGaussian();
                x[2 * i] = mx + l11 * e1;
                x[2 * i + 1] = my + l21 * e1 + l22 * e2;
            }
            frames[t - 1] = toFloat(x);
        }
        return new Trajectory(n, 2, frames);
    }

    /** h_t's centre per coordinate: c / sqrt(abar_t) (abar_0 = 1). */
    static double tiltMean(BetaSchedule s, int t, double c) {
        return c / Math.sqrt(abar(s, t));
    }

    /** h_t's variance: (s^2 + 1 - abar_t) / abar_t (abar_0 = 1, so h_0 = r). */
    static double tiltVariance(BetaSchedule s, int t, double std) {
        double abar = abar(s, t);
        return (std * std + 1 - abar) / abar;
    }

    private static double abar(BetaSchedule s, int t) {
        return t == 0 ? 1 : s.abar(t);
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
