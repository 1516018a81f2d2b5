package org.diffusionlab.app.service;

import java.util.Objects;
import java.util.function.Consumer;

import org.diffusionlab.engine.binomial.BinomialConfig;
import org.diffusionlab.engine.binomial.BinomialSnapshot;
import org.diffusionlab.engine.binomial.BinomialTrainer;
import org.diffusionlab.engine.binomial.SavedBinomialModel;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.TrainingConfig;
import org.diffusionlab.engine.train.TrainingControl;
import org.diffusionlab.engine.train.TrainingDivergedException;

/**
 * Runs a binomial-diffusion {@link BinomialTrainer} (the binary heartbeat) on the worker thread of a
 * {@link RunService} and publishes its {@link BinomialSnapshot}s to the JavaFX application thread.
 *
 * <p>Each snapshot carries the bound on the fixed holdout, which for T = 2000 is a pass over tens of thousands of rows;
 * so a running trainer publishes at most every {@link #SNAPSHOT_INTERVAL_MILLIS}, which keeps that evaluation to a
 * small share of the time (evaluation time is not counted as training time). The learning rate and batch size may be
 * changed at any time and apply from the next iteration.
 *
 * <p>All public methods must be called on the JavaFX application thread.
 */
public final class BinomialTrainingService extends RunService<BinomialSnapshot> {

    /** How often a running trainer publishes a snapshot (and records a point of the training curve). */
    public static final long SNAPSHOT_INTERVAL_MILLIS = 1000;

    /** Touched only on the worker thread. */
    private BinomialTrainer trainer;

    /** Learning rate and batch size the next trainer or iteration uses (NaN / 0: the config's own). */
    private volatile double learningRate = Double.NaN;
    private volatile int batchSize;
    /** The trainer, published for setting the learning rate and batch size from the UI thread. */
    private volatile BinomialTrainer liveTrainer;

    public BinomialTrainingService() {
        super("diffusionlab-binomial-trainer");
    }

    /** Stops whatever runs, drops queued commands and builds a fresh trainer for {@code config}. */
    public void reset(BinomialConfig config) {
        Objects.requireNonNull(config, "config");
        replaceTrainer(() -> install(new BinomialTrainer(config)), null);
    }

    /**
     * Stops whatever runs and continues training a loaded model (with its history and counters) instead;
     * {@code onLoaded} is called on the FX thread once its first snapshot is out. Read the file first (off the UI
     * thread), so that a file that cannot be read changes nothing.
     */
    public void open(SavedBinomialModel model, Runnable onLoaded) {
        Objects.requireNonNull(model, "model");
        replaceTrainer(() -> install(new BinomialTrainer(model.model(), model.history(), model.iterations(),
                model.trainingSeconds())), onLoaded);
    }

    /** Applies from the next iteration without a reset (and to trainers built later). */
    public void setLearningRate(double lr) {
        if (!TrainingConfig.learningRateProblems(lr).isEmpty()) {
            throw new IllegalArgumentException(TrainingConfig.learningRateProblems(lr).get(0));
        }
        learningRate = lr;
        BinomialTrainer t = liveTrainer;
        if (t != null) {
            t.setLearningRate(lr);
        }
    }

    /** Applies from the next iteration without a reset (and to trainers built later). */
    public void setBatchSize(int size) {
        if (!TrainingConfig.batchSizeProblems(size).isEmpty()) {
            throw new IllegalArgumentException(TrainingConfig.batchSizeProblems(size).get(0));
        }
        batchSize = size;
        BinomialTrainer t = liveTrainer;
        if (t != null) {
            t.setBatchSize(size);
        }
    }

    @Override
    protected BinomialSnapshot trainCurrent(Budget budget, TrainingControl control, Consumer<BinomialSnapshot> publish)
            throws InterruptedException {
        return requireTrainer().run(budget, control, SNAPSHOT_INTERVAL_MILLIS, publish);
    }

    @Override
    protected BinomialSnapshot stepCurrent() {
        BinomialTrainer tr = requireTrainer();
        try {
            tr.step();
        } catch (TrainingDivergedException e) {
            // the trainer keeps its last good parameters and says so in its snapshot
        }
        tr.record();
        return tr.snapshot();
    }

    private BinomialTrainer requireTrainer() {
        if (trainer == null) {
            throw new IllegalStateException("No run is prepared: reset first");
        }
        return trainer;
    }

    /** Worker thread: replaces the trainer, applies the live settings, publishes its first snapshot. */
    private BinomialSnapshot install(BinomialTrainer fresh) {
        double lr = learningRate;
        int b = batchSize;
        if (!Double.isNaN(lr)) {
            fresh.setLearningRate(lr);
        }
        if (b > 0) {
            fresh.setBatchSize(b);
        }
        fresh.evaluateHoldout();     // K of the starting point, without adding a point to the curve
        trainer = fresh;
        liveTrainer = fresh;
        return fresh.snapshot();
    }
}
