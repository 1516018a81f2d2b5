package org.diffusionlab.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BetaScheduleTest {

    @Test
    void releasedDefaultMatchesTheReleasedCode() {
        BetaSchedule s = BetaSchedule.releasedDefault(40, 1e-3);
        assertEquals(40, s.steps());
        assertEquals(1e-3, s.beta(1));
        // 1 / linspace(40, 2, 40): element i is 40 - 38 i / 39
        assertEquals(1.0 / (40 - 38.0 / 39), s.beta(2), 1e-15);
        assertEquals(0.5, s.beta(40), 1e-15);
    }

    @Test
    void tablesFollowTheirDefinitions() {
        BetaSchedule s = BetaSchedule.of("t", 0.1, 0.2, 0.3);
        assertEquals(1.0, s.abar(0));
        assertEquals(0.9, s.abar(1), 1e-15);
        assertEquals(0.9 * 0.8 * 0.7, s.abar(3), 1e-15);
        int t = 3;
        double ap = s.abar(2);
        double at = s.abar(3);
        assertEquals(Math.sqrt(ap) * 0.3 / (1 - at), s.posteriorCoefX0(t), 1e-15);
        assertEquals(Math.sqrt(0.7) * (1 - ap) / (1 - at), s.posteriorCoefXt(t), 1e-15);
        assertEquals(0.3 * (1 - ap) / (1 - at), s.posteriorVariance(t), 1e-15);
    }

    @Test
    void posteriorMatchesDirectBayes() {
        BetaSchedule s = BetaSchedule.releasedDefault(10, 1e-3);
        double x0 = 0.7;
        double xt = -0.4;
        for (int t = 2; t <= 10; t++) {
            // prior q(x_{t-1}|x_0) = N(sqrt(abar_{t-1}) x0, 1 - abar_{t-1}); likelihood q(x_t|x_{t-1}) = N(sqrt(alpha) x_{t-1}, beta)
            double priorVar = 1 - s.abar(t - 1);
            double priorMean = Math.sqrt(s.abar(t - 1)) * x0;
            double precision = 1 / priorVar + s.alpha(t) / s.beta(t);
            double var = 1 / precision;
            double mean = var * (priorMean / priorVar + Math.sqrt(s.alpha(t)) * xt / s.beta(t));
            assertEquals(var, s.posteriorVariance(t), 1e-12 * var);
            assertEquals(mean, s.posteriorCoefX0(t) * x0 + s.posteriorCoefXt(t) * xt, 1e-12);
        }
    }

    @Test
    void presetsStayInsideTheUnitInterval() {
        for (BetaSchedule s : new BetaSchedule[]{BetaSchedule.releasedDefault(40, 1e-3), BetaSchedule.linear(40, 1e-4, 0.5),
                BetaSchedule.cosine(40, 1e-3), BetaSchedule.constant(40, 0.1, 1e-3), BetaSchedule.binomial(2000)}) {
            for (int t = 1; t <= s.steps(); t++) {
                assertTrue(s.beta(t) > 0 && s.beta(t) < 1, s + " beta_" + t);
            }
            assertTrue(s.abar(s.steps()) < 0.5, s.name() + " should end near noise");
        }
    }

    @Test
    void refusesBetasOutsideTheUnitIntervalWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BetaSchedule.of("bad", 0.1, 1.5));
        assertTrue(e.getMessage().contains("beta_2") && e.getMessage().contains("outside (0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BetaSchedule.of("bad", 0.1, 0.0));
        assertThrows(IllegalArgumentException.class, () -> BetaSchedule.of("bad", 0.1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> BetaSchedule.releasedDefault(1, 1e-3));
    }

    @Test
    void controlPointsPassThroughTheirValuesWithoutOvershoot() {
        int[] ts = {1, 10, 25, 40};
        double[] bs = {1e-3, 0.02, 0.1, 0.5};
        BetaSchedule s = BetaSchedule.fromControlPoints(40, ts, bs);
        for (int i = 0; i < ts.length; i++) {
            assertEquals(bs[i], s.beta(ts[i]), 1e-12);
        }
        for (int t = 2; t <= 40; t++) {
            assertTrue(s.beta(t) >= s.beta(t - 1), "monotone data stays monotone at t = " + t);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BetaSchedule.fromControlPoints(40, new int[]{1, 20}, new double[]{1e-3, 1.2}));
        assertTrue(e.getMessage().contains("t = 20") && e.getMessage().contains("outside (0, 1)"), e.getMessage());
    }
}
