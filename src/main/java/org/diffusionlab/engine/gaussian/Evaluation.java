package org.diffusionlab.engine.gaussian;

/**
 * A model's figures on a holdout, bits per point.
 *
 * @param points              holdout size
 * @param kBits               the bound K (mean over points)
 * @param kStandardErrorBits  its Monte-Carlo standard error
 * @param nullBits            L_null, the log-likelihood under N(0, I)
 * @param isLogLikelihoodBits importance-sampled log-likelihood (NaN if not computed)
 * @param isStandardErrorBits its standard error over points
 * @param isPoints            points used for the IS estimate
 * @param isPaths             forward paths per point
 * @param ceilingBits         best log-likelihood any model with this fixed last step reaches (NaN if unknown)
 * @param perStepKlBits       mean KL at step t (index t; 0 for t < 2)
 * @param entropyTermsBits    H_q(X_T|X_0) - H_q(X_1|X_0) - H_p(X_T), summed over dimensions
 */
public record Evaluation(int points, double kBits, double kStandardErrorBits, double nullBits,
                         double isLogLikelihoodBits, double isStandardErrorBits, int isPoints, int isPaths,
                         double ceilingBits, double[] perStepKlBits, double entropyTermsBits) {

    public Evaluation {
        perStepKlBits = perStepKlBits.clone();
    }

    @Override
    public double[] perStepKlBits() {
        return perStepKlBits.clone();
    }

    public double kMinusNullBits() {
        return kBits - nullBits;
    }
}
