package org.diffusionlab.engine.train;

import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long the Schedule pane waits for the bound under an edited schedule: one {@link ScheduleProbe#evaluate} of the
 * default network on the default holdout (2,000 points, T = 40), printed, not asserted. Run it with
 * {@code mvn -o test -Dgroups=bench -DexcludedGroups=none -Dtest=ScheduleProbeBenchmark}.
 */
@Tag("bench")
class ScheduleProbeBenchmark {

    @Test
    void boundUnderAnEditedSchedule() {
        TrainingConfig c = TrainingConfig.defaults();
        Trainer trainer = new Trainer(c);
        for (int i = 0; i < 50; i++) {
            trainer.step();
        }
        DiffusionModel m = trainer.model();
        long t0 = System.nanoTime();
        ScheduleProbe probe = new ScheduleProbe(c);
        double buildMs = (System.nanoTime() - t0) / 1e6;
        BetaSchedule cosine = c.withSchedule("cosine").baseSchedule();
        for (int i = 0; i < 5; i++) {
            probe.evaluate(m.network(), cosine);          // warm-up
        }
        int n = 20;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            probe.evaluate(m.network(), i % 2 == 0 ? cosine : m.schedule());
        }
        double ms = (System.nanoTime() - t0) / 1e6 / n;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            trainer.evaluateHoldout();
        }
        double trainerMs = (System.nanoTime() - t0) / 1e6 / n;
        System.out.printf(java.util.Locale.ROOT, "ScheduleProbe: holdout %d points, T = %d: build %.0f ms, "
                + "one bound (K, per-step terms, reverse variances) %.1f ms; the trainer's holdout K alone %.1f ms%n",
                c.holdoutSize(), c.steps(), buildMs, ms, trainerMs);
    }
}
