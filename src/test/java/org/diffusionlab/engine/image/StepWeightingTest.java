package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionlab.engine.schedule.BetaSchedule;
import org.junit.jupiter.api.Test;

/** The training objective's weight per step, against the posterior's closed form. */
class StepWeightingTest {

    private static final BetaSchedule SCHEDULE = ImageTrainingConfig.defaults("digits").betaSchedule();

    @Test
    void theBoundWeighsEveryStepOne() {
        StepWeighting w = StepWeighting.of(StepWeighting.BOUND, SCHEDULE);
        for (int t = 2; t <= SCHEDULE.steps(); t++) {
            assertEquals(1.0, w.weight(t), 0);
        }
        assertTrue(w.isBound());
    }

    /**
     * For the same error d in the predicted noise, the mean part of KL_t, (mu_hat - mu~)^2 / (2 beta~_t), worked out
     * from the posterior's coefficients (not from the weighting's formula), times w(t) is the same at every t.
     */
    @Test
    void underTheNoiseWeightingEveryStepCountsAnErrorInThePredictedNoiseEqually() {
        StepWeighting w = StepWeighting.of(StepWeighting.NOISE, SCHEDULE);
        assertFalse(w.isBound());
        double x0 = 0.7, eps = -1.3, d = 0.1;
        double first = Double.NaN;
        double sum = 0;
        for (int t = 2; t <= SCHEDULE.steps(); t++) {
            double abar = SCHEDULE.abar(t);
            double xt = Math.sqrt(abar) * x0 + Math.sqrt(1 - abar) * eps;
            double muPost = SCHEDULE.posteriorCoefX0(t) * x0 + SCHEDULE.posteriorCoefXt(t) * xt;
            // the mean that predicts the noise eps + d: x_0 estimated as (x_t - sqrt(1 - abar) (eps + d)) / sqrt(abar)
            double x0Hat = (xt - Math.sqrt(1 - abar) * (eps + d)) / Math.sqrt(abar);
            double muHat = SCHEDULE.posteriorCoefX0(t) * x0Hat + SCHEDULE.posteriorCoefXt(t) * xt;
            double meanPart = Math.pow(muHat - muPost, 2) / (2 * SCHEDULE.posteriorVariance(t));
            double weighted = w.weight(t) * meanPart;
            if (t == 2) {
                first = weighted;
            }
            assertEquals(first, weighted, 1e-9 * first, "t = " + t);
            sum += w.weight(t);
        }
        assertEquals(1.0, sum / (SCHEDULE.steps() - 1), 1e-12, "normalised to mean 1");
        assertTrue(w.weight(100) > 20 * w.weight(2), "the middle of the chain gains on the last steps");
    }

    @Test
    void anUnknownWeightingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StepWeighting.of("simple", SCHEDULE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageTrainingConfig.defaults("digits").withWeighting("simple"));
        assertTrue(e.getMessage().contains("bound, noise"), e.getMessage());
    }
}
