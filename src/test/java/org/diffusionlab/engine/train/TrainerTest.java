package org.diffusionlab.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.diffusionlab.data.Dataset;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.gaussian.Evaluation;
import org.diffusionlab.engine.gaussian.Evaluator;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static TrainingConfig small() {
        return TrainingConfig.defaults().withHoldoutSize(500).withOptimizer(OptimizerKind.ADAM, 1e-2, 64);
    }

    @Test
    void sameConfigAndSeedGiveTheSameNumbersToTheLastBit() {
        double[] first = new double[3];
        double[] second = new double[3];
        Trainer a = new Trainer(small());
        Trainer b = new Trainer(small());
        for (int i = 0; i < 15; i++) {
            a.step();
            b.step();
        }
        first[0] = a.evaluateHoldout();
        second[0] = b.evaluateHoldout();
        assertEquals(Double.doubleToLongBits(first[0]), Double.doubleToLongBits(second[0]));
        assertArrayEquals(a.snapshot().parameters(), b.snapshot().parameters());
        assertArrayEquals(a.schedule().betas(), b.schedule().betas());
        Trainer c = new Trainer(small().withSeed(2));
        for (int i = 0; i < 15; i++) {
            c.step();
        }
        assertTrue(c.evaluateHoldout() != first[0], "another seed gives other numbers");
    }

    @Test
    void shortTrainingRaisesTheHoldoutBoundAndStaysBelowTheTruth() {
        TrainingConfig config = small();
        Trainer trainer = new Trainer(config);
        double before = trainer.evaluateHoldout();
        for (int i = 0; i < 300; i++) {
            trainer.step();
        }
        double after = trainer.evaluateHoldout();
        assertTrue(after > before + 0.5, "holdout K should rise by a clear margin: " + before + " -> " + after);
        DiffusionModel model = trainer.model();
        Evaluation e = Evaluator.evaluate(model, 2000, 100, 50, 11);
        assertTrue(e.isLogLikelihoodBits() >= e.kBits() - 0.05, "IS " + e.isLogLikelihoodBits() + " vs K " + e.kBits());
        assertTrue(e.kBits() <= e.ceilingBits() + 0.05, "K " + e.kBits() + " vs ceiling " + e.ceilingBits());
        assertTrue(e.kMinusNullBits() > 0, "a trained model beats the unit Gaussian");
    }

    @Test
    void learnedBetaMovesAndBetaOneStaysFixed() {
        Trainer trainer = new Trainer(small());
        double[] start = trainer.schedule().betas();
        for (int i = 0; i < 30; i++) {
            trainer.step();
        }
        double[] now = trainer.schedule().betas();
        assertEquals(start[0], now[0]);
        assertTrue(now[1] != start[1], "beta_2 is learned");
        Trainer fixed = new Trainer(small().withLearnBeta(false));
        for (int i = 0; i < 5; i++) {
            fixed.step();
        }
        // a fixed schedule is kept exactly; a learned one starts from it up to the rounding of its logits
        assertArrayEquals(small().baseSchedule().betas(), fixed.schedule().betas());
        assertArrayEquals(start, fixed.schedule().betas(), 1e-15);
    }

    @Test
    void runHonoursTheBudgetAndEmitsSnapshotsWithHistory() throws InterruptedException {
        Trainer trainer = new Trainer(small());
        List<Snapshot> seen = new ArrayList<>();
        Snapshot last = trainer.run(Budget.iterations(20), new TrainingControl(), 0, seen::add);
        assertEquals(20, last.iteration());
        assertEquals(TrainingStatus.FINISHED, last.status());
        assertTrue(seen.size() >= 2);
        assertTrue(Double.isFinite(last.holdoutKBits()));
        assertEquals(last.history().get(last.history().size() - 1).iteration(), 20);
    }

    @Test
    void cancelStopsBetweenIterations() throws InterruptedException {
        Trainer trainer = new Trainer(small());
        TrainingControl control = new TrainingControl();
        Snapshot last = trainer.run(Budget.unlimited(), control, 0, s -> {
            if (s.iteration() >= 3) {
                control.cancel();
            }
        });
        assertEquals(TrainingStatus.CANCELLED, last.status());
        assertTrue(last.iteration() >= 3 && last.iteration() <= 4, "stopped at " + last.iteration());
    }

    @Test
    void learningRateAndBatchSizeChangeWithoutReset() {
        Trainer trainer = new Trainer(small());
        trainer.step();
        double[] params = trainer.snapshot().parameters();
        trainer.setLearningRate(1e-4);
        trainer.setBatchSize(32);
        assertArrayEquals(params, trainer.snapshot().parameters());
        trainer.step();
        assertEquals(2, trainer.iteration());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.setLearningRate(-1));
        assertTrue(e.getMessage().contains("learning rate"));
        assertThrows(IllegalArgumentException.class, () -> trainer.setBatchSize(0));
    }

    @Test
    void divergenceStopsAndKeepsTheLastGoodParameters() throws InterruptedException {
        TrainingConfig config = small();
        DiffusionModel model = DiffusionModel.untrained(config);
        Dataset poisoned = new Dataset() {
            int calls;

            @Override
            public String name() {
                return "poisoned";
            }

            @Override
            public int dims() {
                return 2;
            }

            @Override
            public double[][] sample(int n, long seed) {
                double[][] x = new double[n][2];
                if (++calls > 3) {
                    x[0][0] = Double.NaN;     // the 3rd training batch is corrupt
                }
                return x;
            }
        };
        Trainer trainer = new Trainer(model, poisoned, List.of(), 0, 0);
        trainer.step();
        trainer.step();
        double[] good = trainer.snapshot().parameters();
        Snapshot last = trainer.run(Budget.iterations(10), new TrainingControl(), 0, s -> { });
        assertEquals(TrainingStatus.DIVERGED, last.status());
        assertTrue(last.message().contains("NaN") && last.message().contains("best parameters seen are kept"), last.message());
        assertEquals(2, last.iteration());
        assertArrayEquals(good, last.parameters());
    }

    @Test
    void annealingEndsAtTheFloorAndTheDefaultFloorKeepsTheOldFactors() {
        for (int i = 0; i <= 1000; i++) {
            double done = i / 1000.0;
            // the factor before the floor was a setting, bit for bit
            assertEquals(Double.doubleToLongBits(0.1 + 0.45 * (1 + Math.cos(Math.PI * done))),
                    Double.doubleToLongBits(TrainingLoop.annealFactor(TrainingLoop.DEFAULT_ANNEAL_FLOOR, done)));
        }
        assertEquals(1.0, TrainingLoop.annealFactor(0.01, 0), 1e-15);
        assertEquals(0.01, TrainingLoop.annealFactor(0.01, 1), 1e-15);
        Trainer trainer = new Trainer(small());
        assertEquals(TrainingLoop.DEFAULT_ANNEAL_FLOOR, trainer.annealFloor());
        trainer.setAnnealFloor(0.01);
        assertEquals(0.01, trainer.annealFloor());
        assertThrows(IllegalArgumentException.class, () -> trainer.setAnnealFloor(-0.1));
        assertThrows(IllegalArgumentException.class, () -> trainer.setAnnealFloor(Double.NaN));
    }

    @Test
    void invalidConfigsAreRefusedWithTheirReasons() {
        TrainingConfig d = TrainingConfig.defaults();
        assertMessage(() -> d.withSteps(1), "T must be");
        assertMessage(() -> d.withOptimizer(OptimizerKind.ADAM, 0, 64), "learning rate");
        assertMessage(() -> d.withOptimizer(OptimizerKind.ADAM, 1e-3, 0), "batch size");
        assertMessage(() -> d.withSchedule("wiggly"), "schedule must be one of");
        assertMessage(() -> d.withArchitecture("huge"), "architecture");
        assertMessage(() -> d.withData(-1, 1e-3), "noise");
        assertMessage(() -> d.withData(0.1, 0.7), "beta_1");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}
