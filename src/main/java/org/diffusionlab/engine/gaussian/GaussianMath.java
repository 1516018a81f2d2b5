package org.diffusionlab.engine.gaussian;

/** Closed forms for Gaussians used throughout the bound. Natural logarithms unless a name says bits. */
public final class GaussianMath {

    public static final double LN2 = Math.log(2);
    private static final double LOG_2_PI_E = Math.log(2 * Math.PI * Math.E);

    private GaussianMath() {
    }

    /** Differential entropy of a 1-D Gaussian with the given variance, nats. */
    public static double entropy(double variance) {
        return 0.5 * (LOG_2_PI_E + Math.log(variance));
    }

    /**
     * KL( N(meanQ, varQ) || N(meanP, varP) ) for one dimension, nats:
     * ln(s_p/s_q) + (s_q^2 + (mu_q - mu_p)^2) / (2 s_p^2) - 1/2.
     */
    public static double kl(double meanQ, double varQ, double meanP, double varP) {
        double diff = meanQ - meanP;
        return 0.5 * Math.log(varP / varQ) + (varQ + diff * diff) / (2 * varP) - 0.5;
    }

    /** log N(x; mean, variance) for one dimension, nats. */
    public static double logDensity(double x, double mean, double variance) {
        double diff = x - mean;
        return -0.5 * (Math.log(2 * Math.PI * variance) + diff * diff / variance);
    }

    /** L_null: the expected log-likelihood of unit-variance data under N(0, I), in bits per point of d dimensions. */
    public static double nullLogLikelihoodBits(int dims) {
        return -dims * 0.5 * LOG_2_PI_E / LN2;
    }

    public static double toBits(double nats) {
        return nats / LN2;
    }

    /** log(mean(exp(v))) computed stably. */
    public static double logMeanExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum / values.length);
    }
}
