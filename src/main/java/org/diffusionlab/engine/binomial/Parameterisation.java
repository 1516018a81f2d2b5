package org.diffusionlab.engine.binomial;

/**
 * How the network's output z (one number per bin) becomes the reverse kernel p(x_{t-1} = 1 | x_t). Both start, at
 * z = 0, from the forward kernel used in reverse, which is the exact reverse kernel for data that are already B(1/2),
 * so an untrained model is sensible.
 */
public enum Parameterisation {

    /**
     * z is the network's belief about x_0, P(x_0 = 1 | x_t) = sigmoid(z), and the kernel is the exact posterior
     * q(x_{t-1} | x_t, x_0) averaged over that belief: p = q(1 | x_t, x_0 = 0) + (q(1 | x_t, 1) - q(1 | x_t, 0)) sigmoid(z)
     * (the "x_0 prediction" of later discrete diffusion models). The exactly optimal per-bin kernel has this form, with
     * sigmoid(z) the true posterior marginal of x_0.
     */
    X0 {
        @Override
        public double probability(BinomialProcess process, int t, int xt, double z) {
            double b = process.posterior(t, xt, 0);
            return b + (process.posterior(t, xt, 1) - b) * Bernoulli.sigmoid(z);
        }

        @Override
        public double klAndGradient(BinomialProcess process, int t, int xt, double q, double z, double[] grad, int at) {
            double a1 = process.posterior(t, xt, 1);
            double a0 = process.posterior(t, xt, 0);
            double s = Bernoulli.sigmoid(z);
            double p = a0 + (a1 - a0) * s;
            // d KL / d p = (p - q) / (p (1 - p)); d p / d z = (a1 - a0) s (1 - s)
            grad[at] = (p - q) / (p * (1 - p)) * (a1 - a0) * s * (1 - s);
            return Bernoulli.kl(q, p);
        }
    },

    /**
     * z is an offset to the forward kernel's own logit (the measured hint): logit p = (2 x_t - 1) log(2/beta_t - 1) + z.
     */
    LOGIT_OFFSET {
        @Override
        public double probability(BinomialProcess process, int t, int xt, double z) {
            return Bernoulli.sigmoid((2 * xt - 1) * process.kernelLogit(t) + z);
        }

        @Override
        public double klAndGradient(BinomialProcess process, int t, int xt, double q, double z, double[] grad, int at) {
            double logit = (2 * xt - 1) * process.kernelLogit(t) + z;
            double p = Bernoulli.sigmoid(logit);
            grad[at] = p - q;
            // -H(q) + cross-entropy, written with softplus so that p near 0 or 1 loses nothing
            return -Bernoulli.entropy(q) + q * Bernoulli.softplus(-logit) + (1 - q) * Bernoulli.softplus(logit);
        }
    };

    /** p(x_{t-1} = 1 | x_t) for one bin whose value at t is {@code xt} and whose network output is z. */
    public abstract double probability(BinomialProcess process, int t, int xt, double z);

    /** KL(B(q) || B(p)) for one bin in nats, with d KL / d z written to {@code grad[at]}. */
    public abstract double klAndGradient(BinomialProcess process, int t, int xt, double q, double z, double[] grad, int at);

    /** A name for the command line and the model file. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Parameterisation fromLabel(String label) {
        for (Parameterisation p : values()) {
            if (p.label().equalsIgnoreCase(label.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("parameterisation must be x0 or logit-offset, got '" + label + "'");
    }
}
