package org.diffusionlab.app.service;

import java.util.Objects;

import org.diffusionlab.engine.binomial.BinomialConfig;
import org.diffusionlab.engine.binomial.BinomialSnapshot;
import org.diffusionlab.engine.binomial.BinomialTrainer;
import org.diffusionlab.engine.binomial.SavedBinomialModel;

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



    public BinomialTrainingService() {
        super("diffusionlab-binomial-trainer", SNAPSHOT_INTERVAL_MILLIS);
    }

    /** Stops whatever runs, drops queued commands and builds a fresh trainer for {@code config}. */
    public void reset(BinomialConfig config) {
        Objects.requireNonNull(config, "config");
        replaceTrainer(() -> installFresh(new BinomialTrainer(config)), null);
    }

    /**
     * Stops whatever runs and continues training a loaded model (with its history and counters) instead;
     * {@code onLoaded} is called on the FX thread once its first snapshot is out. Read the file first (off the UI
     * thread), so that a file that cannot be read changes nothing.
     */
    public void open(SavedBinomialModel model, Runnable onLoaded) {
        Objects.requireNonNull(model, "model");
        replaceTrainer(() -> installFresh(new BinomialTrainer(model.model(), model.history(), model.iterations(),
                model.trainingSeconds())), onLoaded);
    }

    /** Worker thread: the current trainer (this service installs only its own kind). */
    private BinomialTrainer requireTrainer() {
        return (BinomialTrainer) currentTrainer();
    }

    /** Worker thread: replaces the trainer, applies the live settings, publishes its first snapshot. */
    private BinomialSnapshot installFresh(BinomialTrainer fresh) {
        fresh.evaluateHoldout();     // K of the starting point, without adding a point to the curve
        return install(fresh);
    }
}
