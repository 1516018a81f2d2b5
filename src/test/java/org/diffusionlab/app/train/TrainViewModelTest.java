package org.diffusionlab.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionlab.app.service.TrainingService;
import org.diffusionlab.app.service.RunService.Activity;
import org.diffusionlab.app.train.TrainLogic.BudgetKind;
import org.diffusionlab.app.train.TrainLogic.Buttons;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.OptimizerKind;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.TrainingStatus;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The Train pane's logic without any UI: validation, the buttons' state machine, progress and ETA. */
class TrainViewModelTest {

    // ---- validation ---------------------------------------------------------------------------------------------

    @Test
    void learningRateMustBeANumberInZeroToOne() {
        assertEquals(0.01, TrainLogic.learningRate(" 0.01 ").value());
        assertEquals(1e-3, TrainLogic.learningRate("1e-3").value());
        assertEquals("Learning rate must be a number (e.g. 0.01 or 1e-3), got abc",
                TrainLogic.learningRate("abc").problem());
        assertEquals("Learning rate must be in (0, 1], got -1.0", TrainLogic.learningRate("-1").problem());
        assertEquals("Learning rate must be in (0, 1], got 0.0", TrainLogic.learningRate("0").problem());
        assertTrue(TrainLogic.learningRate("1").isValid());
        assertEquals("Learning rate is empty: type a number", TrainLogic.learningRate("  ").problem());
        assertFalse(TrainLogic.learningRate("NaN").isValid());
        assertFalse(TrainLogic.learningRate("Infinity").isValid());
        assertFalse(TrainLogic.learningRate("0.1d").isValid(), "Java's type suffixes are not numbers to a user");
    }

    @Test
    void stepsBatchSeedAndNoiseUseTheEnginesRanges() {
        assertEquals(40, TrainLogic.steps("40").value());
        assertEquals("T must be between 2 and 1000, got 1", TrainLogic.steps("1").problem());
        assertEquals("T must be between 2 and 1000, got 1001", TrainLogic.steps("1001").problem());
        assertEquals("T must be a whole number, got 4.5", TrainLogic.steps("4.5").problem());
        assertEquals("T must be between 2 and 1000, got 99999999999", TrainLogic.steps("99999999999").problem());

        assertEquals(128, TrainLogic.batchSize("128").value());
        assertEquals("Batch size must be between 1 and 65536 points, got 0", TrainLogic.batchSize("0").problem());
        assertEquals("Batch size must be between 1 and 65536 points, got 99999999999",
                TrainLogic.batchSize("99999999999").problem());

        assertEquals(-7L, TrainLogic.seed("-7").value());
        assertEquals("Seed must be a whole number, got x", TrainLogic.seed("x").problem());

        assertEquals(0.0, TrainLogic.noise("0").value());
        assertEquals("Noise must be between 0 and 5 (raw units), got -0.1", TrainLogic.noise("-0.1").problem());
        assertTrue(TrainLogic.architecture("paper").isValid());
        assertTrue(TrainLogic.architecture("rbf:32+bias").isValid());
        assertFalse(TrainLogic.architecture("huge").isValid());
    }

    @Test
    void budgetIsIterationsOrSecondsOrNothing() {
        assertEquals(Budget.unlimited(), TrainLogic.budget(BudgetKind.NONE, "whatever").value());
        assertEquals(Budget.iterations(500), TrainLogic.budget(BudgetKind.ITERATIONS, "500").value());
        assertEquals(Budget.seconds(2.5), TrainLogic.budget(BudgetKind.SECONDS, "2.5").value());
        assertEquals("The iteration budget must be at least 1, got 0",
                TrainLogic.budget(BudgetKind.ITERATIONS, "0").problem());
        assertEquals("The iteration budget must be a whole number, got 1.5",
                TrainLogic.budget(BudgetKind.ITERATIONS, "1.5").problem());
        assertFalse(TrainLogic.budget(BudgetKind.SECONDS, "0").isValid());
        assertFalse(TrainLogic.budget(BudgetKind.SECONDS, "").isValid());
    }

    @Test
    void theViewModelShowsEachFieldsReasonAndRefusesToBuildAConfig() {
        TrainViewModel vm = new TrainViewModel(new TrainingService(), new TrainAnalysis(TrainAnalysis.Settings.defaults()),
                TrainingConfig.defaults());
        assertTrue(vm.inputsValid().get());
        assertEquals(TrainingConfig.defaults(), vm.formConfig().orElseThrow());
        assertEquals("", vm.learningRateError().get());

        vm.learningRateProperty().set("abc");
        assertFalse(vm.inputsValid().get());
        assertTrue(vm.formConfig().isEmpty());
        assertEquals("Learning rate must be a number (e.g. 0.01 or 1e-3), got abc", vm.learningRateError().get());

        vm.learningRateProperty().set("0.02");
        vm.stepsProperty().set("20");
        vm.learnBetaProperty().set(false);
        assertTrue(vm.inputsValid().get());
        assertEquals(TrainingConfig.defaults().withSteps(20).withLearnBeta(false)
                .withOptimizer(OptimizerKind.ADAM, 0.02, 128), vm.formConfig().orElseThrow());

        vm.covarianceProperty().set(KernelForm.FULL);
        assertEquals(KernelForm.FULL, vm.formConfig().orElseThrow().covariance(), "the form's kernel choice");
        vm.covarianceProperty().set(KernelForm.DIAGONAL);

        vm.budgetKindProperty().set(BudgetKind.SECONDS);
        assertFalse(vm.inputsValid().get(), "a time budget needs a number");
        vm.budgetValueProperty().set("30");
        assertTrue(vm.inputsValid().get());
        vm.shutdown();
    }

    @Test
    void onlyTheLearningRateAndBatchSizeMayChangeWithoutANewModel() {
        TrainingConfig c = TrainingConfig.defaults();
        assertTrue(TrainLogic.sameModel(c, c.withOptimizer(OptimizerKind.ADAM, 0.5, 7)));
        assertFalse(TrainLogic.sameModel(c, c.withOptimizer(OptimizerKind.RMSPROP, c.learningRate(), c.batchSize())));
        assertFalse(TrainLogic.sameModel(c, c.withSteps(20)));
        assertFalse(TrainLogic.sameModel(c, c.withArchitecture("paper")));
        assertFalse(TrainLogic.sameModel(c, c.withSeed(2)));
    }

    // ---- buttons ------------------------------------------------------------------------------------------------

    @Test
    void buttonsFollowTheServiceState() {
        assertEquals(new Buttons(false, false, false, true, "Start"), TrainLogic.buttons(Activity.PREPARING, true, false, 0));
        assertEquals(new Buttons(true, false, true, true, "Start"), TrainLogic.buttons(Activity.IDLE, true, true, 0));
        assertEquals(new Buttons(false, true, false, true, "Resume"), TrainLogic.buttons(Activity.TRAINING, true, true, 10));
        assertEquals(new Buttons(false, false, false, true, "Resume"), TrainLogic.buttons(Activity.PAUSING, true, true, 10));
        assertEquals(new Buttons(true, false, true, true, "Resume"), TrainLogic.buttons(Activity.IDLE, true, true, 10));
        assertEquals(new Buttons(false, false, true, true, "Resume"), TrainLogic.buttons(Activity.STEPPING, true, true, 10));
        assertEquals(new Buttons(false, false, false, false, "Resume"), TrainLogic.buttons(Activity.CLOSED, true, true, 10));
    }

    @Test
    void invalidInputDisablesStartStepAndResetButNotPause() {
        assertEquals(new Buttons(false, false, false, false, "Start"), TrainLogic.buttons(Activity.IDLE, false, true, 0));
        assertEquals(new Buttons(false, true, false, false, "Resume"), TrainLogic.buttons(Activity.TRAINING, false, true, 5));
    }

    @Test
    void nothingStartsBeforeTheFirstRunIsBuilt() {
        Buttons b = TrainLogic.buttons(Activity.IDLE, true, false, 0);
        assertFalse(b.start());
        assertFalse(b.step());
    }

    // ---- progress and ETA ---------------------------------------------------------------------------------------

    @Test
    void etaFromTheSpeedForAnIterationBudget() {
        assertEquals(9.0, TrainLogic.etaSeconds(Budget.iterations(1000), 100, 3, 100), 1e-12);
        assertTrue(Double.isNaN(TrainLogic.etaSeconds(Budget.iterations(1000), 0, 0, 0)), "speed not known yet");
        assertEquals(0, TrainLogic.etaSeconds(Budget.iterations(1000), 1000, 30, 100));
    }

    @Test
    void etaOfATimeBudgetIsTheTimeLeftAndTheSoonerLimitWins() {
        assertEquals(20, TrainLogic.etaSeconds(Budget.seconds(60), 5000, 40, 100), 1e-12);
        assertEquals(5, TrainLogic.etaSeconds(new Budget(1500, 60), 1000, 10, 100), 1e-12);
        assertEquals(50, TrainLogic.etaSeconds(new Budget(100_000, 60), 1000, 10, 100), 1e-12);
        assertTrue(Double.isNaN(TrainLogic.etaSeconds(Budget.unlimited(), 10, 1, 100)));
    }

    @Test
    void aTimeBudgetCountsTrainingSecondsSoItsEtaIsScaledToTheWallClock() {
        // 20 training seconds left; each training second has taken 1.25 s of wall time (holdout evaluations)
        assertEquals(25, TrainLogic.etaSeconds(Budget.seconds(60), 5000, 40, 100, 1.25), 1e-12);
    }

    @Test
    void paceIsMeasuredAgainstTheWallClockAndSmoothed() {
        TrainLogic.Pace pace = new TrainLogic.Pace();
        assertTrue(Double.isNaN(pace.iterationsPerSecond()));
        pace.observe(0, 0, 0);
        pace.observe(100, 0.8, 1_000_000_000L);            // 100 it in 1 s of wall time, 0.8 s of training
        assertEquals(100, pace.iterationsPerSecond(), 1e-9);
        assertEquals(1.25, pace.wallPerTrainingSecond(), 1e-9);
        pace.observe(300, 2.4, 2_000_000_000L);            // 200 it/s now: smoothed, not jumped to
        assertEquals(130, pace.iterationsPerSecond(), 1e-9);
        pace.interrupt();                                  // a pause: the gap is not a slow interval
        pace.observe(300, 2.4, 60_000_000_000L);
        pace.observe(400, 3.2, 61_000_000_000L);
        assertEquals(121, pace.iterationsPerSecond(), 1e-9);
        pace.clear();
        assertTrue(Double.isNaN(pace.wallPerTrainingSecond()));
    }

    @Test
    void aDivergedRunSaysSo() {
        TrainingConfig c = TrainingConfig.defaults();
        Snapshot diverged = new Snapshot(c, TrainingStatus.DIVERGED, "Training diverged at iteration 12", 11, 1.0, 10,
                -2, -2, new double[c.steps() + 1], c.baseSchedule().betas(), new double[0], java.util.List.of());
        assertEquals("Diverged", RunProgress.statusOf(Activity.IDLE, diverged));
        assertEquals("Training", RunProgress.statusOf(Activity.TRAINING, diverged));
        Snapshot paused = new Snapshot(c, TrainingStatus.CANCELLED, "Stopped at iteration 11.", 11, 1.0, 10,
                -2, -2, new double[c.steps() + 1], c.baseSchedule().betas(), new double[0], java.util.List.of());
        assertEquals("Paused", RunProgress.statusOf(Activity.IDLE, paused));
    }

    @Test
    void progressAndWhatIsLeftOfABudget() {
        assertEquals(0.25, TrainLogic.progress(Budget.iterations(400), 100, 99), 1e-12);
        assertEquals(0.5, TrainLogic.progress(new Budget(400, 10), 100, 5), 1e-12);
        assertTrue(Double.isNaN(TrainLogic.progress(Budget.unlimited(), 100, 5)));
        assertEquals(Budget.iterations(300), TrainLogic.remaining(Budget.iterations(400), 100, 5));
        assertEquals(new Budget(0, 2.5), TrainLogic.remaining(Budget.seconds(10), 100, 7.5));
        assertNull(TrainLogic.remaining(Budget.iterations(400), 400, 5), "spent");
        assertEquals(Budget.unlimited(), TrainLogic.remaining(Budget.unlimited(), 400, 5));
    }

    @Test
    void durationsAndBitsForTheStatusLine() {
        assertEquals("0:07", TrainLogic.duration(7.4));
        assertEquals("2:05", TrainLogic.duration(125));
        assertEquals("1:00:00", TrainLogic.duration(3600));
        assertEquals("\u2013", TrainLogic.duration(Double.NaN));
        assertEquals("-1.53 bits", TrainLogic.bits(-1.5312));
        assertEquals("\u2013", TrainLogic.bits(Double.NaN));
    }
}
