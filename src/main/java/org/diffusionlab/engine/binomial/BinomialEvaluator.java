package org.diffusionlab.engine.binomial;

import org.diffusionlab.data.Heartbeat;

/** Evaluates a binomial model on fresh draws: the bound, the factorised ceiling, and how often samples are true. */
public final class BinomialEvaluator {

    private BinomialEvaluator() {
    }

    /**
     * @param drawsPerStep x_t draws per sequence and step for K (the standard error falls as 1/sqrt of it)
     * @param samples      sequences to draw from the model for the fraction of true heartbeats (0 skips it)
     */
    public static BinomialEvaluation evaluate(BinomialModel model, int drawsPerStep, int samples, long seed) {
        BoundSample draws = BoundSample.draw(model.process(), model.config().sequences(), drawsPerStep, seed);
        BoundEstimate bound = draws.estimate(model.network());
        BoundEstimate ceiling = draws.ceiling();
        double fraction = Double.NaN;
        if (samples > 0) {
            fraction = BinomialSampler.reverse(model, samples, seed ^ 0x2545F4914F6CDD1DL, null, false).fractionHeartbeats(0);
        }
        return new BinomialEvaluation(bound, ceiling, Heartbeat.nullLogLikelihoodBits(), Heartbeat.trueLogLikelihoodBits(),
                samples, fraction);
    }
}
