package org.diffusionlab.app.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.diffusionlab.engine.NativeRuntime;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.LiveSettings;
import org.diffusionlab.engine.train.StepwiseTrainer;
import org.diffusionlab.engine.train.TrainingConfig;
import org.diffusionlab.engine.train.TrainingControl;
import org.diffusionlab.engine.train.TrainingDivergedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a trainer on one dedicated daemon worker thread and publishes its immutable snapshots {@code S} to the JavaFX
 * application thread; what the Gaussian {@link TrainingService} and the binomial one share.
 *
 * <p>Every request (build a trainer, train, step) is a command. Commands run one at a time, in the order given, each
 * as the {@link Task} of this {@link Service}; a command given while another runs waits in a queue. The trainer, and
 * with it every ND4J array, is created and used only on the worker thread; the UI sees snapshots, published with
 * {@link Task#updateValue} (which coalesces: the UI thread always sees the newest one and never works through a
 * backlog).
 *
 * <p>Pausing ends the current training command between two iterations (through {@link TrainingControl#cancel()})
 * and keeps the trainer, so that {@link #step()} can run single iterations while paused and {@link #train} resumes
 * where the run left off.
 *
 * <p>All public methods must be called on the JavaFX application thread.
 *
 * @param <S> the trainer's snapshot type
 */
public abstract class RunService<S> extends Service<S> {

    private static final Logger LOG = LoggerFactory.getLogger(RunService.class);

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

    private sealed interface Command permits Install, Train, Step {
    }

    /** Builds (or replaces) the trainer on the worker thread; {@code onDone} then runs on the FX thread. */
    private record Install(Callable<?> work, Runnable onDone) implements Command {
    }

    private record Train(Budget budget) implements Command {
    }

    private record Step() implements Command {
    }

    private final ExecutorService worker;
    private final Deque<Command> queue = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<S> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<Activity> activity = new ReadOnlyObjectWrapper<>(this, "activity", Activity.IDLE);
    private final ReadOnlyObjectWrapper<Throwable> failure = new ReadOnlyObjectWrapper<>(this, "failure");

    /** The control of the command now running (FX thread writes, worker reads its own copy). */
    private TrainingControl control;
    private Command current;
    private Consumer<Throwable> failureHandler = t -> { };

    /** Learning rate and batch size the next trainer or iteration uses (NaN / 0: the config's own). */
    private volatile double learningRate = Double.NaN;
    private volatile int batchSize;
    /** The current trainer, published for setting the learning rate and batch size from the UI thread. */
    private volatile LiveSettings liveTrainer;

    private final long snapshotIntervalMillis;
    /** The current trainer; touched only on the worker thread. */
    private StepwiseTrainer<S> trainer;

    /**
     * @param threadName             the worker thread's name
     * @param snapshotIntervalMillis how often a running trainer publishes a snapshot (and a point of its curve)
     */
    protected RunService(String threadName, long snapshotIntervalMillis) {
        this.snapshotIntervalMillis = snapshotIntervalMillis;
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
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

    // ------------------------------------------------------------------------------------------------------------
    // State

    /** The newest snapshot of the current trainer (null before the first trainer is built). */
    public ReadOnlyObjectProperty<S> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public S getSnapshot() {
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

    /**
     * Stops whatever runs, drops queued commands and runs {@code work} on the worker thread, which builds the new
     * trainer and returns its first snapshot; {@code onDone} (may be null) runs on the FX thread once it is out.
     */
    protected final void replaceTrainer(Callable<S> work, Runnable onDone) {
        interruptAndClear();
        enqueue(new Install(Objects.requireNonNull(work), onDone));
    }

    /** Applies from the next iteration without a reset (and to trainers built later). */
    public void setLearningRate(double lr) {
        if (!TrainingConfig.learningRateProblems(lr).isEmpty()) {
            throw new IllegalArgumentException(TrainingConfig.learningRateProblems(lr).get(0));
        }
        learningRate = lr;
        LiveSettings t = liveTrainer;
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
        LiveSettings t = liveTrainer;
        if (t != null) {
            t.setBatchSize(size);
        }
    }

    /**
     * Worker thread: makes a freshly built trainer the current one, with the learning rate and batch size set from the
     * UI; its snapshot is what the install command publishes.
     */
    protected final S install(StepwiseTrainer<S> fresh) {
        adoptLiveSettings(fresh);
        trainer = fresh;
        return fresh.snapshot();
    }

    /** Worker thread: the current trainer. */
    protected final StepwiseTrainer<S> currentTrainer() {
        if (trainer == null) {
            throw new IllegalStateException("No run is prepared: reset first");
        }
        return trainer;
    }

    private void adoptLiveSettings(LiveSettings fresh) {
        double lr = learningRate;
        int b = batchSize;
        if (!Double.isNaN(lr)) {
            fresh.setLearningRate(lr);
        }
        if (b > 0) {
            fresh.setBatchSize(b);
        }
        liveTrainer = fresh;
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
        } else if (done instanceof Install install && install.onDone() != null) {
            install.onDone().run();
        }
        current = null;
        next();
    }

    @Override
    protected final Task<S> createTask() {
        Command command = current;
        TrainingControl ctl = control;
        return new Task<>() {
            @Override
            protected S call() throws Exception {
                NativeRuntime.configureDefault();
                if (command instanceof Install install) {
                    @SuppressWarnings("unchecked")      // replaceTrainer only takes a Callable<S>
                    S first = (S) install.work().call();
                    updateValue(first);
                    return first;
                }
                StepwiseTrainer<S> tr = currentTrainer();
                if (command instanceof Train t) {
                    return tr.run(t.budget(), ctl, snapshotIntervalMillis, this::updateValue);
                }
                try {
                    tr.step();
                } catch (TrainingDivergedException e) {
                    // the trainer keeps its last good parameters and says so in its snapshot
                }
                tr.record();
                S snap = tr.snapshot();
                updateValue(snap);
                return snap;
            }
        };
    }
}
