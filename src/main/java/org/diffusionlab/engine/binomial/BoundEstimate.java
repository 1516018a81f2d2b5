package org.diffusionlab.engine.binomial;

/**
 * The bound K of a binomial model (or of the optimal factorised kernel) on a fixed design: exact over the data's
 * sequences, Monte-Carlo over x_t with {@code samplesPerStep} draws for every sequence and step t = 2..T.
 *
 * @param kBits              K, bits per sequence
 * @param standardErrorBits  the Monte-Carlo standard error of K
 * @param perStepKlBits      E KL(q(x_{t-1}|x_t,x_0) || p(x_{t-1}|x_t)) per step, index t (0 for t < 2), bits
 * @param entropyTermsBits   H_q(X_T|X_0) - H_q(X_1|X_0) - H_p(X_T), bits per sequence
 * @param samplesPerStep     draws of x_t per sequence and step
 */
public record BoundEstimate(double kBits, double standardErrorBits, double[] perStepKlBits, double entropyTermsBits,
                            int samplesPerStep) {

    public BoundEstimate {
        perStepKlBits = perStepKlBits.clone();
    }

    @Override
    public double[] perStepKlBits() {
        return perStepKlBits.clone();
    }
}
