package org.diffusionlab.app.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.diffusionlab.engine.NativeRuntime;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.io.SavedModel;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.Trainer;
import org.diffusionlab.engine.train.TrainingConfig;
import org.diffusionlab.engine.train.TrainingControl;
import org.diffusionlab.engine.train.TrainingDivergedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Trainer} on one dedicated daemon worker thread and publishes its {@link Snapshot}s to the JavaFX
 * application thread.
 *
 * <p>Every request (prepare a run, train, step, continue a loaded model) is a command. Commands run one at a time, in the
 * order given, each as the {@link Task} of this {@link Service}; a command given while another runs waits in a queue.
 * The trainer, and with it every ND4J array, is created and used only on the worker thread; the UI sees immutable
 * snapshots, published with {@link Task#updateValue} (which coalesces: the UI thread always sees the newest one and
 * never works through a backlog) at most every {@link #SNAPSHOT_INTERVAL_MILLIS} while training.
 *
 * <p>Pausing ends the current training command between two iterations (through {@link TrainingControl#cancel()})
 * and keeps the trainer, so that {@link #step()} can run single iterations while paused and {@link #train} resumes
 * where the run left off. The learning rate and batch size may be changed at any time and apply from the next
 * iteration; anything else needs a fresh trainer ({@link #reset}).
 *
 * <p>All public methods must be called on the JavaFX application thread.
 */
public final class TrainingService extends Service<Snapshot> {

    /** How often a running trainer publishes a snapshot (and records a point of the training curve). */
    public static final long SNAPSHOT_INTERVAL_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);

    /** What the service is doing now, as the UI names it. */
    public enum Activity {
        /** Building a fresh trainer (or one from a file). */
        PREPARING,
        /** A trainer exists and nothing runs. */
        IDLE,
        /** Training until the budget is spent or a pause. */
        TRAINING,
        /** Pause requested; the current iteration is finishing. */
        PAUSING,
        /** Running single iterations. */
        STEPPING,
        /** Nothing can run: shut down. */
        CLOSED
    }

    private sealed interface Command permits Prepare, Load, Train, Step, FineTune {
    }

    /** Continue the current model on a fixed, explicit schedule (the Schedule pane's "fine-tune"). */
    private record FineTune(BetaSchedule schedule, Runnable onReady) implements Command {
    }

    private record Prepare(TrainingConfig config) implements Command {
    }

    private record Load(SavedModel model, Runnable onLoaded) implements Command {
    }

    private record Train(Budget budget) implements Command {
    }

    private record Step() implements Command {
    }

    private final ExecutorService worker;
    private final Deque<Command> queue = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<Snapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<Activity> activity = new ReadOnlyObjectWrapper<>(this, "activity", Activity.IDLE);
    private final ReadOnlyObjectWrapper<Throwable> failure = new ReadOnlyObjectWrapper<>(this, "failure");

    /** Touched only on the worker thread. */
    private Trainer trainer;
    /** The last custom schedule trained on (worker thread only), for a fresh run whose config names "custom". */
    private BetaSchedule customSchedule;
    /** The control of the command now running (FX thread writes, worker reads its own copy). */
    private TrainingControl control;
    private Command current;
    private Consumer<Throwable> failureHandler = t -> { };

    /** Learning rate and batch size the next trainer or iteration uses (NaN / 0: the config's own). */
    private volatile double learningRate = Double.NaN;
    private volatile int batchSize;
    /** The trainer, published for setting the learning rate and batch size from the UI thread (both volatile there). */
    private volatile Trainer liveTrainer;

    public TrainingService() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "diffusionlab-trainer");
            t.setDaemon(true);
            return t;
        });
        setExecutor(worker);
        valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                snapshot.set(now);
            }
        });
        setOnSucceeded(e -> finished(null));
        setOnFailed(e -> finished(getException()));
        // No onCancelled: commands are never cancelled through the Service (pausing ends them normally), and
        // restart() marks the previous, finished task CANCELLED, which must not count as the end of a command.
    }

    /** The newest snapshot of the current trainer (null before the first trainer is built). */
    public ReadOnlyObjectProperty<Snapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public Snapshot getSnapshot() {
        return snapshot.get();
    }

    public ReadOnlyObjectProperty<Activity> activityProperty() {
        return activity.getReadOnlyProperty();
    }

    public Activity getActivity() {
        return activity.get();
    }

    /** The last command's failure (e.g. a config the trainer refuses), or null. */
    public ReadOnlyObjectProperty<Throwable> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** Called on the FX thread with every command failure (after {@link #failureProperty()} is set). */
    public void setFailureHandler(Consumer<Throwable> handler) {
        this.failureHandler = Objects.requireNonNull(handler);
    }

    /** True while a command runs or waits. */
    public boolean isBusy() {
        return current != null || !queue.isEmpty();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Commands

    /** Stops whatever runs, drops queued commands and builds a fresh trainer for {@code config}. */
    public void reset(TrainingConfig config) {
        Objects.requireNonNull(config, "config");
        interruptAndClear();
        enqueue(new Prepare(config));
    }

    /**
     * Stops whatever runs and continues training a loaded model (with its history and counters) instead;
     * {@code onLoaded} is called on the FX thread once its first snapshot is out. Read the file first (with
     * {@code ModelFile.load}, off the UI thread), so that a file that cannot be read changes nothing.
     */
    public void open(SavedModel model, Runnable onLoaded) {
        Objects.requireNonNull(model, "model");
        interruptAndClear();
        enqueue(new Load(model, onLoaded));
    }

    /**
     * Stops whatever runs and continues the current model (network, history, counters) on {@code schedule}, held
     * fixed: the config's schedule becomes "custom" and learned beta is off. {@code onReady} runs on the FX thread
     * once the new trainer's first snapshot is out.
     */
    public void fineTune(BetaSchedule schedule, Runnable onReady) {
        Objects.requireNonNull(schedule, "schedule");
        interruptAndClear();
        enqueue(new FineTune(schedule, onReady));
    }

    /** Trains until the budget is spent or {@link #pause()} (continuing the current trainer). */
    public void train(Budget budget) {
        Objects.requireNonNull(budget, "budget");
        enqueue(new Train(budget));
    }

    /** Exactly one iteration (then a history point and a snapshot). */
    public void step() {
        enqueue(new Step());
    }

    /** Ends a running training command after the current iteration, and drops queued training; keeps the trainer. */
    public void pause() {
        queue.removeIf(c -> c instanceof Train);
        if (current instanceof Train && control != null) {
            control.cancel();
            activity.set(Activity.PAUSING);
        }
    }

    /** Pauses and drops every queued command. */
    public void stop() {
        interruptAndClear();
    }

    /** Applies from the next iteration without a reset (and to trainers built later). */
    public void setLearningRate(double lr) {
        if (!TrainingConfig.learningRateProblems(lr).isEmpty()) {
            throw new IllegalArgumentException(TrainingConfig.learningRateProblems(lr).get(0));
        }
        learningRate = lr;
        Trainer t = liveTrainer;
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
        Trainer t = liveTrainer;
        if (t != null) {
            t.setBatchSize(size);
        }
    }

    /**
     * Stops the worker for good: the running command is cancelled between two iterations (well within a second)
     * and the thread ends. Safe to call more than once.
     */
    public void shutdown() {
        interruptAndClear();
        activity.set(Activity.CLOSED);
        worker.shutdown();
    }

    /** Waits until the worker has ended after {@link #shutdown()}; for tests and orderly exits. */
    public boolean awaitTermination(long millis) throws InterruptedException {
        return worker.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    private void interruptAndClear() {
        queue.clear();
        if (control != null) {
            control.cancel();
        }
        if (current instanceof Train) {
            activity.set(Activity.PAUSING);
        }
    }

    private void enqueue(Command c) {
        if (activity.get() == Activity.CLOSED) {
            return;
        }
        queue.addLast(c);
        if (current == null) {
            next();
        }
    }

    private void next() {
        Command c = queue.pollFirst();
        if (c == null || activity.get() == Activity.CLOSED) {
            current = null;
            control = null;
            if (activity.get() != Activity.CLOSED) {
                activity.set(Activity.IDLE);
            }
            return;
        }
        current = c;
        control = new TrainingControl();
        activity.set(c instanceof Train ? Activity.TRAINING
                : c instanceof Step ? Activity.STEPPING : Activity.PREPARING);
        restart();
    }

    private void finished(Throwable error) {
        Command done = current;
        if (error != null) {
            LOG.warn("Training command {} failed: {}", done, error.toString());
            failure.set(error);
            failureHandler.accept(error);
        } else if (done instanceof Load load && load.onLoaded() != null) {
            load.onLoaded().run();
        } else if (done instanceof FineTune f && f.onReady() != null) {
            f.onReady().run();
        }
        current = null;
        next();
    }

    @Override
    protected Task<Snapshot> createTask() {
        Command command = current;
        TrainingControl ctl = control;
        return new Task<>() {
            @Override
            protected Snapshot call() throws Exception {
                NativeRuntime.configureDefault();
                if (command instanceof Prepare p) {
                    return install(prepare(p.config()));
                }
                if (command instanceof FineTune f) {
                    return install(fineTune(requireTrainer(), f.schedule()));
                }
                if (command instanceof Load l) {
                    SavedModel m = l.model();
                    if (m.model().config().hasCustomSchedule()) {
                        customSchedule = m.model().schedule();
                    }
                    return install(new Trainer(m.model(), m.history(), m.iterations(), m.trainingSeconds()));
                }
                Trainer tr = requireTrainer();
                if (command instanceof Train t) {
                    return tr.run(t.budget(), ctl, SNAPSHOT_INTERVAL_MILLIS, this::updateValue);
                }
                try {
                    tr.step();
                } catch (TrainingDivergedException e) {
                    // the trainer keeps its last good parameters and says so in its snapshot
                }
                tr.record();
                Snapshot snap = tr.snapshot();
                updateValue(snap);
                return snap;
            }
        };
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

    private Trainer requireTrainer() {
        if (trainer == null) {
            throw new IllegalStateException("No run is prepared: reset first");
        }
        return trainer;
    }

    /** Worker thread: replaces the trainer, applies the live settings, publishes its first snapshot. */
    private Snapshot install(Trainer fresh) {
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
