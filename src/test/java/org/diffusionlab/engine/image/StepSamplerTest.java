package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StepSamplerTest {

    private static final int T = 20;

    /** Terms that fall with t like the bound's: |L_t| = 1/(t - 1). */
    private static double term(int t) {
        return 1.0 / (t - 1);
    }

    private static StepSampler warmImportance() {
        StepSampler s = new StepSampler(T, StepSampler.IMPORTANCE);
        for (int round = 0; round < StepSampler.HISTORY; round++) {
            for (int t = 2; t <= T; t++) {
                assertFalse(s.warm(), "uniform until every t has a full history");
                s.record(t, term(t));
            }
        }
        assertTrue(s.warm());
        return s;
    }

    @Test
    void uniformDrawsEveryStepWithWeightOne() {
        StepSampler s = new StepSampler(T, StepSampler.UNIFORM);
        int[] counts = new int[T + 1];
        Random rng = new Random(1);
        for (int i = 0; i < 19_000; i++) {
            int t = s.sample(rng);
            assertTrue(t >= 2 && t <= T, "t = " + t);
            counts[t]++;
            s.record(t, term(t));
        }
        for (int t = 2; t <= T; t++) {
            assertEquals(1000, counts[t], 150, "t = " + t);
            assertEquals(1.0, s.weight(t), 0.0);
        }
        assertFalse(s.warm(), "uniform sampling never leaves uniform");
    }

    @Test
    void importanceFollowsTheTermsAndStaysUnbiased() {
        StepSampler s = warmImportance();
        double total = 0, sumP = 0, estimate = 0, rmsTotal = 0;
        for (int t = 2; t <= T; t++) {
            rmsTotal += term(t);
        }
        for (int t = 2; t <= T; t++) {
            double p = s.probability(t);
            sumP += p;
            double expected = (1 - StepSampler.UNIFORM_SHARE) * term(t) / rmsTotal + StepSampler.UNIFORM_SHARE / (T - 1);
            assertEquals(expected, p, 1e-12, "p(" + t + ")");
            // E_p[(T - 1) w(t) L_t] = sum_t L_t: the weighting keeps the estimator of the bound unbiased.
            estimate += p * (T - 1) * s.weight(t) * term(t);
            total += term(t);
        }
        assertEquals(1.0, sumP, 1e-12);
        assertEquals(total, estimate, 1e-12);
        assertTrue(s.probability(2) > 10 * s.probability(T), "small t drawn far more often");
    }

    @Test
    void drawsMatchTheProbabilities() {
        StepSampler s = warmImportance();
        int n = 200_000;
        int[] counts = new int[T + 1];
        Random rng = new Random(5);
        for (int i = 0; i < n; i++) {
            counts[s.sample(rng)]++;
        }
        for (int t = 2; t <= T; t++) {
            double expected = n * s.probability(t);
            assertEquals(expected, counts[t], 5 * Math.sqrt(expected) + 1, "t = " + t);
        }
    }

    @Test
    void refusesAnUnknownKind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StepSampler(T, "stratified"));
        assertTrue(e.getMessage().contains("uniform or importance"), e.getMessage());
    }
}
