package org.diffusionlab.engine.gaussian;

import java.util.Random;
import org.diffusionlab.engine.schedule.BetaSchedule;

/** The forward process q: closed-form marginals q(x_t|x_0), whole trajectories, and the posterior q(x_{t-1}|x_t,x_0). */
public final class ForwardProcess {

    /** Mean and variance (the same in every dimension) of a Gaussian over points. */
    public record Gaussian(double[] mean, double variance) {
    }

    private final BetaSchedule schedule;

    public ForwardProcess(BetaSchedule schedule) {
        this.schedule = schedule;
    }

    public BetaSchedule schedule() {
        return schedule;
    }

    /** x_t ~ q(x_t | x_0) = N(sqrt(abar_t) x_0, (1 - abar_t) I), drawn in closed form. */
    public double[][] sampleAt(double[][] x0, int t, Random rng) {
        double a = Math.sqrt(schedule.abar(t));
        double s = Math.sqrt(1 - schedule.abar(t));
        double[][] out = new double[x0.length][];
        for (int i = 0; i < x0.length; i++) {
            out[i] = new double[x0[i].length];
            for (int k = 0; k < x0[i].length; k++) {
                out[i][k] = a * x0[i][k] + s * rng.nextGaussian();
            }
        }
        return out;
    }

    /** A forward trajectory x_0 .. x_T, one kernel step at a time. */
    public Trajectory trajectory(double[][] x0, long seed) {
        Random rng = new Random(seed);
        int n = x0.length;
        int d = n == 0 ? 0 : x0[0].length;
        int steps = schedule.steps();
        float[][] frames = new float[steps + 1][n * d];
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i * d + k] = x0[i][k];
                frames[0][i * d + k] = (float) x0[i][k];
            }
        }
        for (int t = 1; t <= steps; t++) {
            double keep = Math.sqrt(1 - schedule.beta(t));
            double sd = Math.sqrt(schedule.beta(t));
            for (int j = 0; j < x.length; j++) {
                x[j] = keep * x[j] + sd * rng.nextGaussian();
                frames[t][j] = (float) x[j];
            }
        }
        return new Trajectory(n, d, frames);
    }

    /** The posterior q(x_{t-1} | x_t, x_0) for t in 2..T (FACTS.md). */
    public Gaussian posterior(double[] x0, double[] xt, int t) {
        double c0 = schedule.posteriorCoefX0(t);
        double c1 = schedule.posteriorCoefXt(t);
        double[] mean = new double[x0.length];
        for (int k = 0; k < x0.length; k++) {
            mean[k] = c0 * x0[k] + c1 * xt[k];
        }
        return new Gaussian(mean, schedule.posteriorVariance(t));
    }

    /**
     * The per-step entropy bounds on the reverse step, per dimension, nats:
     * H_q(X_t|X_{t-1}) + H_q(X_{t-1}|X_0) - H_q(X_t|X_0) <= H_q(X_{t-1}|X_t) <= H_q(X_t|X_{t-1}).
     *
     * @return {lower, upper}
     */
    public double[] entropyBounds(int t) {
        double upper = GaussianMath.entropy(schedule.beta(t));
        double lower = upper + GaussianMath.entropy(1 - schedule.abar(t - 1)) - GaussianMath.entropy(1 - schedule.abar(t));
        if (t == 1) {
            lower = Double.NEGATIVE_INFINITY;   // H_q(X_0|X_0) is not defined for continuous data
        }
        return new double[]{lower, upper};
    }

    /** The reverse variance range implied by the entropy bounds: [beta~_t, beta_t]. */
    public double[] reverseVarianceBounds(int t) {
        return new double[]{t == 1 ? 0 : schedule.posteriorVariance(t), schedule.beta(t)};
    }
}
