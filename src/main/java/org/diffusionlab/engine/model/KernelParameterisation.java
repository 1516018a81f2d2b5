package org.diffusionlab.engine.model;

/**
 * How the network's raw outputs become the reverse kernel p(x_{t-1} | x_t) = N(mu, Sigma) — the released code's form:
 * mu = x_t sqrt(1 - beta_t) + z_mu sqrt(beta_t), Sigma = sigmoid(z_Sigma / sqrt(T) + logit(beta_t)).
 * With z = 0 this is the exact reverse kernel for data ~ N(0, I), so an untrained model starts at K = L_null.
 */
public final class KernelParameterisation {

    private KernelParameterisation() {
    }

    /** The scale applied to z_Sigma before it is added to logit(beta_t). */
    public static double varianceOutputScale(int steps) {
        return 1.0 / Math.sqrt(steps);
    }

    public static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    public static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
