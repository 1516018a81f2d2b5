package org.diffusionlab.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffusionlab.engine.binomial.BinomialConfig;
import org.diffusionlab.engine.binomial.BinomialSnapshot;
import org.diffusionlab.engine.binomial.BinomialTrainer;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.gaussian.ReverseSampler;
import org.diffusionlab.engine.gaussian.Trajectory;
import org.junit.jupiter.api.Test;

/** A run that diverges is stopped, keeps the best parameters it has seen, and those sample finite numbers. */
class DivergenceTest {

    @Test
    void aDivergingGaussianRunStopsWithTheBestParametersSeen() throws InterruptedException {
        // The case: a locally linear ReLU readout at learning rate 1 blows up within a few iterations.
        TrainingConfig config = TrainingConfig.defaults().withHoldoutSize(200).withArchitecture("relu:64,64+local")
                .withOptimizer(OptimizerKind.ADAM, 1, 64);
        Trainer trainer = new Trainer(config);
        double startK = trainer.evaluateHoldout();
        Snapshot last = trainer.run(Budget.iterations(200), new TrainingControl(), 0, s -> { });

        assertEquals(TrainingStatus.DIVERGED, last.status(), last.message());
        assertTrue(last.iteration() < 200, "stopped early, at " + last.iteration());
        assertTrue(last.message().contains("best parameters seen are kept"), last.message());
        assertTrue(last.holdoutKBits() > -10, "the untrained model is near -4 bits: " + last.holdoutKBits());
        List<HistoryPoint> h = last.history();
        double best = h.subList(0, h.size() - 1).stream().mapToDouble(HistoryPoint::holdoutKBits)
                .filter(Double::isFinite).max().orElse(startK);
        best = Math.max(best, startK);
        assertEquals(best, last.holdoutKBits(), 1e-9, "the kept model is the best seen");
        assertEquals(best, h.get(h.size() - 1).holdoutKBits(), 1e-9, "the curve ends at the kept model");

        DiffusionModel kept = trainer.model();
        Trajectory samples = ReverseSampler.sample(kept.kernel(), 500, 3);
        for (double[] p : samples.frameAsPoints(0)) {
            assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]), "a finite sample");
        }
    }

    @Test
    void anHonestRunIsNotCalledDiverging() throws InterruptedException {
        TrainingConfig config = TrainingConfig.defaults().withHoldoutSize(200).withOptimizer(OptimizerKind.ADAM, 1e-2, 64);
        Snapshot last = new Trainer(config).run(Budget.iterations(30), new TrainingControl(), 0, s -> { });
        assertEquals(TrainingStatus.FINISHED, last.status(), last.message());
    }

    @Test
    void theWatchJudgesTheFallFromTheBest() {
        DivergenceWatch w = DivergenceWatch.ofBits();
        w.start(0);
        assertEquals(DivergenceWatch.Verdict.BEST, w.observe(10, -4));
        assertEquals(DivergenceWatch.Verdict.BEST, w.observe(20, 2));
        assertEquals(DivergenceWatch.Verdict.FINE, w.observe(30, -7.9));
        assertEquals(DivergenceWatch.Verdict.DIVERGED, w.observe(40, -8.1));
        assertTrue(w.reason().contains("fell to -8.1") && w.reason().contains("more than 10 bits below"), w.reason());
        assertTrue(w.keptClause().contains("iteration 20"), w.keptClause());
        assertEquals(DivergenceWatch.Verdict.DIVERGED, w.observe(50, Double.NaN));
        w.start(7);
        assertTrue(w.keptClause().contains("started from (iteration 7)"), w.keptClause());
    }
}
