package org.diffusionlab.engine.binomial;

/**
 * A binomial model measured on fresh draws, in bits per sequence.
 *
 * @param bound              K with its Monte-Carlo standard error and per-step KL terms
 * @param ceiling            the bound of the optimal factorised kernel on the same draws (the best any per-bin
 *                           Bernoulli reverse kernel can do)
 * @param nullBits           L_null, the log-likelihood under independent bins at the data's rate
 * @param trueBits           the data's true log-likelihood, log2(1/5)
 * @param samples            sequences drawn from the model
 * @param fractionHeartbeats the fraction of them that are true heartbeats
 */
public record BinomialEvaluation(BoundEstimate bound, BoundEstimate ceiling, double nullBits, double trueBits,
                                 int samples, double fractionHeartbeats) {

    public double kBits() {
        return bound.kBits();
    }

    public double kMinusNullBits() {
        return bound.kBits() - nullBits;
    }

    /** How far K lies below the ceiling, with the ceiling measured on the same draws (so their noise mostly cancels). */
    public double gapToCeilingBits() {
        return ceiling.kBits() - bound.kBits();
    }
}
