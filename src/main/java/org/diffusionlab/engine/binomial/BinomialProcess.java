package org.diffusionlab.engine.binomial;

import java.util.Random;
import org.diffusionlab.engine.schedule.BetaSchedule;

/**
 * The binomial forward process on binary sequences: q(x_t | x_{t-1}) = B(x_{t-1}(1 - beta_t) + beta_t / 2), bin by
 * bin, ending in B(1/2). Everything the bound needs per bin is a closed form in abar_t = prod_{s <= t}(1 - beta_s):
 * the marginal q(x_t = 1 | x_0) = 1/2 + (x_0 - 1/2) abar_t and the posterior q(x_{t-1} | x_t, x_0), which takes only
 * four values per t (tabulated here once).
 */
public final class BinomialProcess {

    private final BetaSchedule schedule;
    private final int steps;
    private final double[] abar;          // index t = 0..T, abar[0] = 1
    private final double[] posterior;     // index 4 t + 2 x_t + x_0: q(x_{t-1} = 1 | x_t, x_0), t = 1..T
    private final double[] kernelLogit;   // index t: log(2 / beta_t - 1), the forward kernel's logit for x = 1
    private final double[] evidence;      // index t: log((1 + abar_t) / (1 - abar_t)), see evidence()

    public BinomialProcess(BetaSchedule schedule) {
        this.schedule = schedule;
        this.steps = schedule.steps();
        this.abar = new double[steps + 1];
        this.posterior = new double[4 * (steps + 1)];
        this.kernelLogit = new double[steps + 1];
        this.evidence = new double[steps + 1];
        abar[0] = 1;
        for (int t = 1; t <= steps; t++) {
            double b = schedule.beta(t);
            abar[t] = abar[t - 1] * (1 - b);
            kernelLogit[t] = Math.log(2 / b - 1);
            evidence[t] = Math.log1p(abar[t]) - Math.log1p(-abar[t]);
            for (int xt = 0; xt <= 1; xt++) {
                for (int x0 = 0; x0 <= 1; x0++) {
                    double m = marginal(t - 1, x0);
                    double from1 = m * forward(b, 1, xt);
                    double from0 = (1 - m) * forward(b, 0, xt);
                    posterior[4 * t + 2 * xt + x0] = from1 / (from1 + from0);
                }
            }
        }
    }

    /** The paper's heartbeat process: beta_t = 1/(T - t + 1). */
    public static BinomialProcess paper(int steps) {
        return new BinomialProcess(BetaSchedule.binomial(steps));
    }

    private static double forward(double beta, int from, int to) {
        double p1 = from * (1 - beta) + 0.5 * beta;
        return to == 1 ? p1 : 1 - p1;
    }

    public BetaSchedule schedule() {
        return schedule;
    }

    public int steps() {
        return steps;
    }

    public double beta(int t) {
        return schedule.beta(t);
    }

    public double abar(int t) {
        return abar[t];
    }

    /** q(x_t = 1 | x_0), t = 0..T. */
    public double marginal(int t, int x0) {
        return 0.5 + (x0 - 0.5) * abar[t];
    }

    /** q(x_t = 1 | x_{t-1}). */
    public double forwardProbability(int t, int previous) {
        return forward(schedule.beta(t), previous, 1);
    }

    /** q(x_{t-1} = 1 | x_t, x_0), t = 1..T. */
    public double posterior(int t, int xt, int x0) {
        return posterior[4 * t + 2 * xt + x0];
    }

    /** log(2/beta_t - 1): the logit of q(x_t = 1 | x_{t-1} = 1); the forward kernel as a reverse guess is
     *  logit p(x_{t-1} = 1 | x_t) = (2 x_t - 1) times this. */
    public double kernelLogit(int t) {
        return kernelLogit[t];
    }

    /**
     * How much one bin of x_t says about x_0: the log-likelihood ratio log q(x_t = x_0 | x_0) / q(x_t != x_0 | x_0)
     * = log((1 + abar_t)/(1 - abar_t)). It falls from about log(4T) near t = 1 to 0 at t = T; the network scales its
     * input by it, as modern diffusion models scale theirs by the noise level.
     */
    public double evidence(int t) {
        return evidence[t];
    }

    /**
     * The entropy terms of the bound, per bin, nats: H_q(X_T|X_0) - H_q(X_1|X_0) - H_p(X_T), with p(x_T) = B(1/2)
     * and the first reverse step fixed to the forward one (it is its own reverse under B(1/2)).
     */
    public double entropyTermsPerBin() {
        return Bernoulli.entropy(marginal(steps, 1)) - Bernoulli.entropy(schedule.beta(1) / 2) - Math.log(2);
    }

    /** Draws x_t ~ q(x_t | x_0) bin by bin into {@code out}. */
    public void sampleMarginal(byte[] x0, int t, Random rng, byte[] out) {
        double a = abar[t];
        for (int i = 0; i < x0.length; i++) {
            double p1 = 0.5 + (x0[i] - 0.5) * a;
            out[i] = rng.nextDouble() < p1 ? (byte) 1 : (byte) 0;
        }
    }
}
