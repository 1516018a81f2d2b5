package org.diffusionlab.engine.binomial;

/** Entropies and KL divergences of Bernoulli distributions, in nats, with 0 log 0 = 0. */
public final class Bernoulli {

    private Bernoulli() {
    }

    /** H(B(p)) = -p log p - (1 - p) log(1 - p). */
    public static double entropy(double p) {
        return -xLogX(p) - xLogX(1 - p);
    }

    /** KL(B(q) || B(p)) = q log(q/p) + (1 - q) log((1 - q)/(1 - p)); infinite where p puts no mass q does. */
    public static double kl(double q, double p) {
        return xLogY(q, q / p) + xLogY(1 - q, (1 - q) / (1 - p));
    }

    /** The perturbed kernel of FACTS.md: B(c) multiplied by B(d) and renormalised, c d / (c d + (1 - c)(1 - d)). */
    public static double multiply(double c, double d) {
        double one = c * d;
        double zero = (1 - c) * (1 - d);
        if (one + zero == 0) {
            throw new IllegalArgumentException("B(" + c + ") and B(" + d + ") share no mass; their product is undefined");
        }
        return one / (one + zero);
    }

    /** log(1 + e^z) without overflow. */
    public static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    public static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /** Nats to bits. */
    public static double toBits(double nats) {
        return nats / Math.log(2);
    }

    private static double xLogX(double x) {
        return x <= 0 ? 0 : x * Math.log(x);
    }

    private static double xLogY(double x, double y) {
        return x <= 0 ? 0 : x * Math.log(y);
    }
}
