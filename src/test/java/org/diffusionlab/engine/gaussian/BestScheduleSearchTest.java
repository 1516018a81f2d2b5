package org.diffusionlab.engine.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.diffusionlab.data.SwissRoll;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.junit.jupiter.api.Test;

class BestScheduleSearchTest {

    @Test
    void knotsRunFromTwoToTStrictlyIncreasing() {
        for (int steps : new int[] {3, 4, 10, 40, 1000}) {
            int[] k = BestScheduleSearch.knots(steps);
            assertEquals(2, k[0]);
            assertEquals(steps, k[k.length - 1]);
            assertEquals(Math.min(BestScheduleSearch.KNOTS, steps - 1), k.length);
            for (int i = 1; i < k.length; i++) {
                assertTrue(k[i] > k[i - 1], "T = " + steps + ": knots " + java.util.Arrays.toString(k));
            }
        }
    }

    @Test
    void aScheduleGeometricInTIsItsOwnKnotInterpolation() {
        int steps = 40;
        double[] b = new double[steps];
        b[0] = 1e-5;
        for (int t = 2; t <= steps; t++) {
            b[t - 1] = 1e-5 * Math.pow(3e4, (t - 2) / (double) (steps - 2));
        }
        BetaSchedule geometric = BetaSchedule.of("geometric", b);
        int[] knots = BestScheduleSearch.knots(steps);
        double[] logBeta = new double[knots.length];
        for (int i = 0; i < knots.length; i++) {
            logBeta[i] = Math.log(geometric.beta(knots[i]));
        }
        BetaSchedule back = BestScheduleSearch.schedule(geometric, knots, logBeta);
        for (int t = 1; t <= steps; t++) {
            assertEquals(geometric.beta(t), back.beta(t), 1e-12 * geometric.beta(t), "beta_" + t);
        }
    }

    @Test
    void theSearchClimbsAndComparesBothSchedulesOnTheSameFreshPoints() {
        SwissRoll roll = SwissRoll.standard();
        BetaSchedule start = BetaSchedule.linear(6, 1e-3, 0.5);
        double[][] searchPoints = roll.holdoutSet(300, 11);
        double[][] fresh = roll.holdoutSet(300, 12);
        List<BestScheduleSearch.Progress> seen = new ArrayList<>();
        BestScheduleSearch.Result r = BestScheduleSearch.search(roll, start, searchPoints, fresh, 8, 5, seen::add);
        assertEquals(8, seen.size());
        double first = OptimalKernelBound.compute(roll, start, searchPoints, 6).kBits();
        double last = seen.get(seen.size() - 1).kBits();
        assertTrue(last > first + 0.01, "the search climbs: " + first + " -> " + last);
        assertEquals(OptimalKernelBound.compute(roll, start, fresh, 5).kBits(), r.startFreshBits(), 0.0);
        assertEquals(OptimalKernelBound.compute(roll, r.best(), fresh, 5).kBits(), r.bestFreshBits(), 0.0);
        assertEquals(start.beta(1), r.best().beta(1), 0.0, "beta_1 stays fixed");
    }
}
