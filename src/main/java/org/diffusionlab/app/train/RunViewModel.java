package org.diffusionlab.app.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import org.diffusionlab.app.service.RunService;
import org.diffusionlab.app.service.RunService.Activity;
import org.diffusionlab.app.train.TrainLogic.BudgetKind;
import org.diffusionlab.app.train.TrainLogic.Parsed;
import org.diffusionlab.engine.NativeRuntime;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.RunFigures;

/**
 * What a training pane's state is, whatever it trains: the form fields every run has (learning rate, batch size, seed,
 * budget; text as typed, each with the reason it is refused), the run controls ({@link RunProgress}), the commands
 * (start, pause, step, reset, a structural change that asks first) and the bookkeeping of what is saved, on top of a
 * {@link RunService}. A subclass adds the fields of its model family and says how a config is read from the form,
 * shown in it, and saved or opened. Lives on the JavaFX application thread; the form and its validation work without
 * a running toolkit.
 *
 * @param <S> the trainer's snapshot
 * @param <C> the run's config
 */
public abstract class RunViewModel<S extends RunFigures, C> {

    /** A structural change (T, architecture, ...) needs a fresh run; what {@link #commitForm()} decided. */
    public enum Change {
        /** Nothing that needs a fresh run changed. */
        NONE,
        /** The run had not started: it was rebuilt with the new settings. */
        APPLIED,
        /** The run has progress: ask before {@link #reset()} (or {@link #revertForm()}). */
        NEEDS_CONFIRMATION
    }

    private final RunService<S> service;
    private final RunProgress progress;
    private final ExecutorService io;

    private final StringProperty learningRate = new SimpleStringProperty(this, "learningRate", "");
    private final StringProperty batchSize = new SimpleStringProperty(this, "batchSize", "");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "");
    private final ObjectProperty<BudgetKind> budgetKind = new SimpleObjectProperty<>(this, "budgetKind", BudgetKind.NONE);
    private final StringProperty budgetValue = new SimpleStringProperty(this, "budgetValue", "");
    private final StringBinding learningRateError = problem(learningRate, () -> TrainLogic.learningRate(learningRate.get()));
    private final StringBinding batchSizeError = problem(batchSize, () -> TrainLogic.batchSize(batchSize.get()));
    private final StringBinding seedError = problem(seed, () -> TrainLogic.seed(seed.get()));
    private final StringBinding budgetError = Bindings.createStringBinding(
            () -> TrainLogic.budget(budgetKind.get(), budgetValue.get()).problem(), budgetKind, budgetValue);
    private BooleanBinding inputsValid;
    private List<ObservableStringValue> errors = List.of();

    /** Values the form does not show come from here. */
    private C template;
    private boolean updatingForm;
    private Consumer<String> errorSink = m -> { };
    /** Which run the service holds: changes with every reset or opened file, so a late save cannot mark a new run. */
    private long run;
    /** The iteration of the current run that was last saved or opened (0: nothing to lose before any training). */
    private long savedIteration;

    /**
     * @param kFormat      how the holdout K is written, with its unit
     * @param ioThreadName the name of the thread that reads and writes model files
     */
    protected RunViewModel(RunService<S> service, C initial, Function<Double, String> kFormat, String ioThreadName) {
        this.service = Objects.requireNonNull(service);
        this.template = Objects.requireNonNull(initial);
        this.progress = new RunProgress(kFormat);
        this.io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, ioThreadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Finishes construction once the subclass's fields exist: shows the initial config, watches the fields (the
     * subclass's errors and any other field whose value must be set), applies a valid learning rate or batch size to
     * the run at once, and follows the service.
     */
    protected final void bind(List<ObservableStringValue> fieldErrors, Observable... requiredFields) {
        showConfig(template);
        List<ObservableStringValue> all = new ArrayList<>(fieldErrors);
        all.addAll(List.of(learningRateError, batchSizeError, seedError, budgetError));
        errors = List.copyOf(all);
        List<Observable> watched = new ArrayList<>(all);
        watched.addAll(List.of(requiredFields));
        inputsValid = Bindings.createBooleanBinding(this::allValid, watched.toArray(Observable[]::new));

        learningRate.addListener((o, a, b) -> {
            Parsed<Double> lr = TrainLogic.learningRate(b);
            if (lr.isValid()) {
                service.setLearningRate(lr.value());
            }
        });
        batchSize.addListener((o, a, b) -> {
            Parsed<Integer> n = TrainLogic.batchSize(b);
            if (n.isValid()) {
                service.setBatchSize(n.value());
            }
        });
        budgetKind.addListener((o, a, b) -> progress.budgetEdited());
        budgetValue.addListener((o, a, b) -> progress.budgetEdited());
        service.snapshotProperty().addListener((o, a, s) -> {
            progress.observe(s, service.getActivity());
            onSnapshot(s);
            update();
            startIfAsked();
        });
        service.activityProperty().addListener((o, a, b) -> {
            progress.activityChanged(b);
            update();
            startIfAsked();
        });
        inputsValid.addListener((o, a, b) -> update());
        service.setFailureHandler(t -> errorSink.accept(t.getMessage() != null ? t.getMessage() : t.toString()));
        update();
    }

    // ------------------------------------------------------------------------------------------------------------
    // What a model family provides

    /** Whether the family's own fields that have no error line (choices) are set. */
    protected abstract boolean choicesMade();

    /** The config the form describes, built from valid fields (may throw IllegalArgumentException). */
    protected abstract C buildConfig();

    /** Puts a config's values in the form's fields (called with {@link #isUpdatingForm()} true). */
    protected abstract void setForm(C config);

    /** The config a snapshot was trained with. */
    protected abstract C configOf(S snapshot);

    /** Whether two configs make the same model (the learning rate and batch size may differ). */
    protected abstract boolean sameModel(C a, C b);

    /** Asks the service for a fresh trainer. */
    protected abstract void resetService(C config);

    /** A snapshot arrived (before the run controls update). */
    protected void onSnapshot(S snapshot) {
    }

    /** The run was replaced (reset or opened): forget what belonged to the old one. */
    protected void onNewRun() {
    }

    // ------------------------------------------------------------------------------------------------------------
    // Form

    protected static StringBinding problem(Observable dependency, Supplier<Parsed<?>> parse) {
        return Bindings.createStringBinding(() -> parse.get().problem(), dependency);
    }

    private boolean allValid() {
        return errors.stream().allMatch(e -> e.get().isEmpty()) && choicesMade();
    }

    /** Where failures of background work (e.g. a file that cannot be opened) are reported, on the FX thread. */
    public void setErrorSink(Consumer<String> sink) {
        this.errorSink = Objects.requireNonNull(sink);
    }

    /** Shows a config in the form (without asking or resetting). */
    public void showConfig(C c) {
        boolean was = updatingForm;
        updatingForm = true;
        try {
            setForm(c);
        } finally {
            updatingForm = was;
        }
    }

    protected final boolean isUpdatingForm() {
        return updatingForm;
    }

    /** Numbers as typed by a person: no ".0" on whole values. */
    protected static String plain(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s.toLowerCase(Locale.ROOT);
    }

    /** The config the form describes, if every field is valid. */
    public Optional<C> formConfig() {
        if (!allValid()) {
            return Optional.empty();
        }
        try {
            return Optional.of(buildConfig());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The config of the run the service holds (null before the first snapshot). */
    public C runConfig() {
        S s = service.getSnapshot();
        return s == null ? null : configOf(s);
    }

    /** Values the form does not show come from this config (the last one reset to or opened). */
    protected final C template() {
        return template;
    }

    protected final void setTemplate(C c) {
        template = Objects.requireNonNull(c);
    }

    /** Iterations trained since the run was last saved or opened (or since it began): what closing now would lose. */
    public long unsavedIterations() {
        S s = service.getSnapshot();
        return s == null ? 0 : Math.max(0, s.iteration() - savedIteration);
    }

    /** True if the run has done iterations that a fresh run would discard. */
    public boolean hasProgress() {
        S s = service.getSnapshot();
        return s != null && s.iteration() > 0;
    }

    /**
     * Called when a field that shapes the model is committed: rebuilds an unstarted run at once, or says that the user
     * must be asked first.
     */
    public Change commitForm() {
        if (updatingForm) {
            return Change.NONE;
        }
        var form = formConfig();
        C current = runConfig();
        if (form.isEmpty() || current == null || sameModel(form.get(), current)) {
            return Change.NONE;
        }
        if (!hasProgress() && service.getActivity() != Activity.TRAINING) {
            reset();
            return Change.APPLIED;
        }
        return Change.NEEDS_CONFIRMATION;
    }

    /** Puts the run's own settings back in the form's structural fields (the user declined a reset). */
    public void revertForm() {
        C current = runConfig();
        if (current != null) {
            String lr = learningRate.get();
            String b = batchSize.get();
            showConfig(current);
            learningRate.set(lr);
            batchSize.set(b);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Commands

    /** Trains until the budget is spent (resuming the current budget after a pause). */
    public void start() {
        S s = service.getSnapshot();
        Parsed<Budget> b = TrainLogic.budget(budgetKind.get(), budgetValue.get());
        if (s == null || !b.isValid() || progress.startDisabledProperty().get()) {
            return;
        }
        service.train(progress.budgetToTrain(s, b.value()));
        update();
    }

    public void pause() {
        startWhenReady = false;
        service.pause();
    }

    /** Starts the run a {@link #startWhenReady()} waits for, once it has a snapshot and may start. */
    private void startIfAsked() {
        if (startWhenReady && service.getSnapshot() != null && !progress.startDisabledProperty().get()) {
            startWhenReady = false;
            start();
        }
    }

    /**
     * Starts training once the run being built (by a reset just asked for) has its first snapshot, as "Train on
     * this data" promises.
     */
    public void startWhenReady() {
        startWhenReady = true;
    }

    /** Exactly one iteration. */
    public void step() {
        if (!progress.stepDisabledProperty().get()) {
            service.step();
        }
    }

    /** Discards the run and builds a fresh one from the form. */
    public void reset() {
        var form = formConfig();
        if (form.isEmpty()) {
            return;
        }
        template = form.get();
        newRunStarted(0);
        progress.clear();
        onNewRun();
        resetService(form.get());
    }

    /**
     * Reads a model file on the file thread; if it is valid, {@code openInService} hands it to the service (which
     * calls its Runnable once the model's first snapshot is out: the form then shows its settings and
     * {@code onOpened} runs); if not, the error sink gets the reason (naming the file) and nothing else changes.
     */
    protected final <M> Task<M> openModel(Callable<M> read, Function<M, C> configOfModel,
                                          java.util.function.BiConsumer<M, Runnable> openInService, Runnable onOpened) {
        Task<M> task = new Task<>() {
            @Override
            protected M call() throws Exception {
                NativeRuntime.configureDefault();
                return read.call();
            }
        };
        task.setOnSucceeded(e -> {
            M m = task.getValue();
            openInService.accept(m, () -> {
                C c = configOfModel.apply(m);
                template = c;
                S opened = service.getSnapshot();
                newRunStarted(opened == null ? 0 : opened.iteration());
                progress.clear();
                onNewRun();
                showConfig(c);
                if (opened != null) {
                    onSnapshot(opened);
                }
                update();
                if (onOpened != null) {
                    onOpened.run();
                }
            });
        });
        task.setOnFailed(e -> {
            Throwable t = task.getException();
            errorSink.accept(t.getMessage() != null ? t.getMessage() : t.toString());
        });
        io.execute(task);
        return task;
    }

    /** How a snapshot is written to a file, with the learning rate and batch size now in use. */
    protected interface ModelWriter<S> {
        void write(Path file, S snapshot, Parsed<Double> learningRate, Parsed<Integer> batchSize) throws Exception;
    }

    /**
     * Saves the newest snapshot (the current state once paused) on the file thread; the task fails with an
     * exception naming the file. A save that succeeds marks the run as saved up to that snapshot.
     */
    protected final Task<Path> saveModel(Path file, ModelWriter<S> writer) {
        S s = service.getSnapshot();
        if (s == null) {
            throw new IllegalStateException("Nothing to save yet");
        }
        Parsed<Double> lr = TrainLogic.learningRate(learningRate.get());
        Parsed<Integer> b = TrainLogic.batchSize(batchSize.get());
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                NativeRuntime.configureDefault();
                writer.write(file, s, lr, b);
                return file;
            }
        };
        long savedRun = run;
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
            if (run == savedRun) {
                savedIteration = Math.max(savedIteration, s.iteration());
            }
        });
        io.execute(task);
        return task;
    }

    /** Training starts when the next snapshot (of the run being built) arrives. */
    private boolean startWhenReady;

    private void newRunStarted(long iteration) {
        run++;
        savedIteration = iteration;
    }

    /** A fresh run; the form's budget is cleared. */
    protected final void clearBudget() {
        budgetKind.set(BudgetKind.NONE);
        budgetValue.set("");
    }

    /** The run controls forget the budget and pace under way (e.g. a fine-tune continues under new settings). */
    protected final void restartProgress() {
        progress.clear();
        update();
    }

    /** Stops the worker and the file thread (window closing). */
    public void shutdown() {
        service.shutdown();
        io.shutdownNow();
    }

    protected final void update() {
        progress.update(service.getActivity(), inputsValid.get(), service.getSnapshot(),
                TrainLogic.budget(budgetKind.get(), budgetValue.get()).value());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Properties

    /** The run controls' state (buttons, counters, progress, status). */
    public RunProgress progress() {
        return progress;
    }

    public ReadOnlyObjectProperty<S> snapshotProperty() {
        return service.snapshotProperty();
    }

    public StringProperty learningRateProperty() {
        return learningRate;
    }

    public StringProperty batchSizeProperty() {
        return batchSize;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public ObjectProperty<BudgetKind> budgetKindProperty() {
        return budgetKind;
    }

    public StringProperty budgetValueProperty() {
        return budgetValue;
    }

    public ObservableStringValue learningRateError() {
        return learningRateError;
    }

    public ObservableStringValue batchSizeError() {
        return batchSizeError;
    }

    public ObservableStringValue seedError() {
        return seedError;
    }

    public ObservableStringValue budgetError() {
        return budgetError;
    }

    public BooleanBinding inputsValid() {
        return inputsValid;
    }
}
