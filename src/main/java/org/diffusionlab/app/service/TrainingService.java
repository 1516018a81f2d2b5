package org.diffusionlab.app.service;

import java.util.Objects;

import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.io.SavedModel;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.Trainer;
import org.diffusionlab.engine.train.TrainingConfig;

/**
 * Runs a Gaussian-diffusion {@link Trainer} on the worker thread of a {@link RunService} and publishes its
 * {@link Snapshot}s to the JavaFX application thread at most every {@link #SNAPSHOT_INTERVAL_MILLIS} while training.
 *
 * <p>Beside the shared commands (train, step, pause) it builds fresh trainers from a config, continues loaded models
 * and fine-tunes the current model on a fixed schedule. The learning rate and batch size may be changed at any time
 * and apply from the next iteration; anything else needs a fresh trainer ({@link #reset}).
 *
 * <p>All public methods must be called on the JavaFX application thread.
 */
public final class TrainingService extends RunService<Snapshot> {

    /** How often a running trainer publishes a snapshot (and records a point of the training curve). */
    public static final long SNAPSHOT_INTERVAL_MILLIS = 200;

    /** The last custom schedule trained on (worker thread only), for a fresh run whose config names "custom". */
    private BetaSchedule customSchedule;


    public TrainingService() {
        super("diffusionlab-trainer", SNAPSHOT_INTERVAL_MILLIS);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Commands

    /** Stops whatever runs, drops queued commands and builds a fresh trainer for {@code config}. */
    public void reset(TrainingConfig config) {
        Objects.requireNonNull(config, "config");
        replaceTrainer(() -> installFresh(prepare(config)), null);
    }

    /**
     * Stops whatever runs and continues training a loaded model (with its history and counters) instead;
     * {@code onLoaded} is called on the FX thread once its first snapshot is out. Read the file first (with
     * {@code ModelFile.load}, off the UI thread), so that a file that cannot be read changes nothing.
     */
    public void open(SavedModel model, Runnable onLoaded) {
        Objects.requireNonNull(model, "model");
        replaceTrainer(() -> {
            if (model.model().config().hasCustomSchedule()) {
                customSchedule = model.model().schedule();
            }
            return installFresh(new Trainer(model.model(), model.history(), model.iterations(), model.trainingSeconds()));
        }, onLoaded);
    }

    /**
     * Stops whatever runs and continues the current model (network, history, counters) on {@code schedule}, held
     * fixed: the config's schedule becomes "custom" and learned beta is off. {@code onReady} runs on the FX thread
     * once the new trainer's first snapshot is out.
     */
    public void fineTune(BetaSchedule schedule, Runnable onReady) {
        Objects.requireNonNull(schedule, "schedule");
        replaceTrainer(() -> installFresh(fineTune(requireTrainer(), schedule)), onReady);
    }

    /**
     * Worker thread: a fresh trainer; a config naming the custom schedule starts from the custom schedule this service
     * last trained on (fine-tuned or opened), since the config alone cannot rebuild it.
     */
    private Trainer prepare(TrainingConfig config) {
        if (!config.hasCustomSchedule()) {
            return new Trainer(config);
        }
        if (customSchedule == null || customSchedule.steps() != config.steps()) {
            throw new IllegalArgumentException(customSchedule == null
                    ? "There is no custom schedule to start from: choose a named schedule, or edit one in the "
                    + "Schedule pane and fine-tune on it"
                    : "The custom schedule has T = " + customSchedule.steps() + ", not " + config.steps()
                    + ": choose a named schedule for another T");
        }
        return new Trainer(config, customSchedule.withBeta1(config.beta1()));
    }

    /**
     * Worker thread: the current model, its history and counters, on {@code schedule} held fixed (beta_1 included).
     * The config then names the custom schedule, so that the model file says what it was trained on.
     */
    private Trainer fineTune(Trainer current, BetaSchedule schedule) {
        DiffusionModel m = current.model();
        TrainingConfig c = m.config().withSchedule(TrainingConfig.CUSTOM).withLearnBeta(false)
                .withData(m.config().noiseStd(), schedule.beta(1));
        BetaSchedule s = schedule.named(TrainingConfig.CUSTOM);
        customSchedule = s;
        Trainer next = new Trainer(new DiffusionModel(c, s, m.network()), current.history(), current.iteration(),
                current.trainingSeconds());
        return next;
    }

    /** Worker thread: the current trainer (this service installs only its own kind). */
    private Trainer requireTrainer() {
        return (Trainer) currentTrainer();
    }

    /** Worker thread: replaces the trainer, applies the live settings, publishes its first snapshot. */
    private Snapshot installFresh(Trainer fresh) {
        fresh.evaluateHoldout();     // K of the starting point, without adding a point to the curve
        return install(fresh);
    }
}
