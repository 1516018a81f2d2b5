package org.diffusionlab.app.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import org.diffusionlab.app.service.TrainingService;
import org.diffusionlab.app.service.RunService.Activity;
import org.diffusionlab.app.train.TrainLogic.BudgetKind;
import org.diffusionlab.app.train.TrainLogic.Buttons;
import org.diffusionlab.app.train.TrainLogic.Parsed;
import org.diffusionlab.engine.NativeRuntime;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.io.ModelFile;
import org.diffusionlab.engine.io.SavedModel;
import org.diffusionlab.engine.model.MlpArchitecture;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.OptimizerKind;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.TrainingConfig;
import org.diffusionlab.engine.train.TrainingStatus;

/**
 * The Train pane's state: the form (text as typed, each field with the reason it is refused, empty when valid),
 * the buttons' enabled state, progress and the commands, on top of a {@link TrainingService}. Lives on the JavaFX
 * application thread; the form and its validation work without a running toolkit (unit tests).
 */
public final class TrainViewModel {

    /** A structural change (T, architecture, ...) needs a fresh run; what {@link #commitForm()} decided. */
    public enum Change {
        /** Nothing that needs a fresh run changed. */
        NONE,
        /** The run had not started: it was rebuilt with the new settings. */
        APPLIED,
        /** The run has progress: ask before {@link #reset()} (or {@link #revertForm()}). */
        NEEDS_CONFIRMATION
    }

    private final TrainingService service;
    private final TrainAnalysis analysis;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "diffusionlab-io");
        t.setDaemon(true);
        return t;
    });

    /** Values the form does not show (beta_1, holdout size) come from here. */
    private TrainingConfig template;

    // Form ---------------------------------------------------------------------------------------------------------
    private final ObjectProperty<String> dataset = new SimpleObjectProperty<>(this, "dataset");
    private final StringProperty noise = new SimpleStringProperty(this, "noise", "");
    private final StringProperty steps = new SimpleStringProperty(this, "steps", "");
    private final ObjectProperty<String> schedule = new SimpleObjectProperty<>(this, "schedule");
    private final ObjectProperty<String> architecture = new SimpleObjectProperty<>(this, "architecture");
    private final ObjectProperty<OptimizerKind> optimizer = new SimpleObjectProperty<>(this, "optimizer");
    private final StringProperty learningRate = new SimpleStringProperty(this, "learningRate", "");
    private final StringProperty batchSize = new SimpleStringProperty(this, "batchSize", "");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "");
    private final BooleanProperty learnBeta = new SimpleBooleanProperty(this, "learnBeta");
    private final ObjectProperty<BudgetKind> budgetKind = new SimpleObjectProperty<>(this, "budgetKind", BudgetKind.NONE);
    private final StringProperty budgetValue = new SimpleStringProperty(this, "budgetValue", "");

    private final StringBinding noiseError = problem(noise, () -> TrainLogic.noise(noise.get()));
    private final StringBinding stepsError = problem(steps, () -> TrainLogic.steps(steps.get()));
    private final StringBinding architectureError = problem(architecture, () -> TrainLogic.architecture(architecture.get()));
    private final StringBinding learningRateError = problem(learningRate, () -> TrainLogic.learningRate(learningRate.get()));
    private final StringBinding batchSizeError = problem(batchSize, () -> TrainLogic.batchSize(batchSize.get()));
    private final StringBinding seedError = problem(seed, () -> TrainLogic.seed(seed.get()));
    private final StringBinding budgetError = Bindings.createStringBinding(
            () -> TrainLogic.budget(budgetKind.get(), budgetValue.get()).problem(), budgetKind, budgetValue);
    private final BooleanBinding inputsValid;

    // Output: the run controls' state ------------------------------------------------------------------------
    private final RunProgress progress = new RunProgress(TrainLogic::bits);
    private boolean updatingForm;
    private Consumer<String> errorSink = m -> { };

    /** Which run the service holds: changes with every reset or opened file, so a late save cannot mark a new run. */
    private long run;
    /** The iteration of the current run that was last saved or opened (0: nothing to lose before any training). */
    private long savedIteration;

    public TrainViewModel(TrainingService service, TrainAnalysis analysis, TrainingConfig initial) {
        this.service = Objects.requireNonNull(service);
        this.analysis = Objects.requireNonNull(analysis);
        this.template = Objects.requireNonNull(initial);
        showConfig(initial);
        inputsValid = Bindings.createBooleanBinding(() -> allValid(), noiseError, stepsError, architectureError,
                learningRateError, batchSizeError, seedError, budgetError, dataset, schedule, optimizer);

        // Live settings: a valid learning rate or batch size applies to the run at once.
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
            analysis.onSnapshot(s);
            update();
        });
        service.activityProperty().addListener((o, a, b) -> {
            progress.activityChanged(b);
            update();
        });
        inputsValid.addListener((o, a, b) -> update());
        service.setFailureHandler(t -> errorSink.accept(t.getMessage() != null ? t.getMessage() : t.toString()));
        update();
    }

    /** Builds the first run from the form (call once the UI is up). */
    public void initialise() {
        formConfig().ifPresentOrElse(service::reset, () -> service.reset(template));
    }

    /** Where failures of background work (e.g. a file that cannot be opened) are reported, on the FX thread. */
    public void setErrorSink(Consumer<String> sink) {
        this.errorSink = Objects.requireNonNull(sink);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Form

    private static StringBinding problem(javafx.beans.Observable dependency, java.util.function.Supplier<Parsed<?>> parse) {
        return Bindings.createStringBinding(() -> parse.get().problem(), dependency);
    }

    private boolean allValid() {
        return List.of(noiseError, stepsError, architectureError, learningRateError, batchSizeError, seedError,
                budgetError).stream().allMatch(e -> e.get().isEmpty())
                && dataset.get() != null && schedule.get() != null && optimizer.get() != null;
    }

    /** Shows a config in the form (without asking or resetting). */
    public void showConfig(TrainingConfig c) {
        boolean was = updatingForm;
        updatingForm = true;
        try {
            setForm(c);
        } finally {
            updatingForm = was;
        }
    }

    private void setForm(TrainingConfig c) {
        dataset.set(c.dataset());
        noise.set(plain(c.noiseStd()));
        steps.set(Integer.toString(c.steps()));
        schedule.set(c.schedule());
        architecture.set(c.architecture());
        optimizer.set(c.optimizer());
        learningRate.set(plain(c.learningRate()));
        batchSize.set(Integer.toString(c.batchSize()));
        seed.set(Long.toString(c.seed()));
        learnBeta.set(c.learnBeta());
    }

    private static String plain(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s.toLowerCase(Locale.ROOT);
    }

    /** The config the form describes, if every field is valid. */
    public java.util.Optional<TrainingConfig> formConfig() {
        if (!allValid()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new TrainingConfig(dataset.get(), TrainLogic.noise(noise.get()).value(),
                    TrainLogic.steps(steps.get()).value(), schedule.get(), template.beta1(),
                    TrainLogic.architecture(architecture.get()).value(), optimizer.get(),
                    TrainLogic.learningRate(learningRate.get()).value(), TrainLogic.batchSize(batchSize.get()).value(),
                    TrainLogic.seed(seed.get()).value(), learnBeta.get(), template.holdoutSize()));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** The config of the run the service holds (null before the first snapshot). */
    public TrainingConfig runConfig() {
        Snapshot s = service.getSnapshot();
        return s == null ? null : s.config();
    }

    /**
     * Iterations trained since the run was last saved or opened (or since it began): what closing now would lose.
     */
    public long unsavedIterations() {
        Snapshot s = service.getSnapshot();
        return s == null ? 0 : Math.max(0, s.iteration() - savedIteration);
    }

    /** True if the run has done iterations that a fresh run would discard. */
    public boolean hasProgress() {
        Snapshot s = service.getSnapshot();
        return s != null && s.iteration() > 0;
    }

    /**
     * Called when a field that shapes the model (data, T, schedule, architecture, optimiser, seed, learn beta) is
     * committed: rebuilds an unstarted run at once, or says that the user must be asked first.
     */
    public Change commitForm() {
        if (updatingForm) {
            return Change.NONE;
        }
        var form = formConfig();
        TrainingConfig run = runConfig();
        if (form.isEmpty() || run == null || TrainLogic.sameModel(form.get(), run)) {
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
        TrainingConfig run = runConfig();
        if (run != null) {
            String lr = learningRate.get();
            String b = batchSize.get();
            showConfig(run);
            learningRate.set(lr);
            batchSize.set(b);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Commands

    /** Trains until the budget is spent (resuming the current budget after a pause). */
    public void start() {
        Snapshot s = service.getSnapshot();
        Parsed<Budget> b = TrainLogic.budget(budgetKind.get(), budgetValue.get());
        if (s == null || !b.isValid() || progress.startDisabledProperty().get()) {
            return;
        }
        service.train(progress.budgetToTrain(s, b.value()));
        update();
    }

    public void pause() {
        service.pause();
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
        analysis.clear();
        service.reset(form.get());
    }

    /**
     * Continues the current model on {@code schedule}, held fixed (the Schedule pane's one button), and starts
     * training it with the budget in the form (or until paused); the form then shows the run's settings.
     */
    public void fineTune(org.diffusionlab.engine.schedule.BetaSchedule schedule) {
        service.fineTune(schedule, () -> {
            TrainingConfig c = runConfig();
            if (c != null) {
                template = c;
                showConfig(c);
            }
            progress.clear();
            update();
            javafx.application.Platform.runLater(this::start);   // once the service has left the fine-tune command
        });
    }

    /** A fresh run with the default settings. */
    public void newRun(TrainingConfig defaults) {
        template = defaults;
        showConfig(defaults);
        budgetKind.set(BudgetKind.NONE);
        budgetValue.set("");
        reset();
    }

    /**
     * Reads a model file on a background thread; if it is a valid model, training continues from it (the form shows
     * its settings); if not, the error sink gets the reason (naming the file) and nothing else changes.
     */
    public Task<SavedModel> open(Path file, Runnable onOpened) {
        Task<SavedModel> read = new Task<>() {
            @Override
            protected SavedModel call() throws Exception {
                NativeRuntime.configureDefault();
                return ModelFile.load(file);
            }
        };
        read.setOnSucceeded(e -> {
            SavedModel m = read.getValue();
            service.open(m, () -> {
                template = m.model().config();
                Snapshot opened = service.getSnapshot();
                newRunStarted(opened == null ? 0 : opened.iteration());
                progress.clear();
                analysis.clear();
                showConfig(m.model().config());
                analysis.onSnapshot(service.getSnapshot());
                update();
                if (onOpened != null) {
                    onOpened.run();
                }
            });
        });
        read.setOnFailed(e -> {
            Throwable t = read.getException();
            errorSink.accept(t.getMessage() != null ? t.getMessage() : t.toString());
        });
        io.execute(read);
        return read;
    }

    /**
     * Saves the newest snapshot (the current state once paused) to a model file on a background thread, with the
     * learning rate and batch size now in use. The task fails with an IOException naming the file.
     */
    public Task<Path> save(Path file) {
        Snapshot s = service.getSnapshot();
        if (s == null) {
            throw new IllegalStateException("Nothing to save yet");
        }
        Parsed<Double> lr = TrainLogic.learningRate(learningRate.get());
        Parsed<Integer> b = TrainLogic.batchSize(batchSize.get());
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                NativeRuntime.configureDefault();
                DiffusionModel m = s.toModel();
                TrainingConfig c = m.config().withOptimizer(m.config().optimizer(),
                        lr.isValid() ? lr.value() : m.config().learningRate(),
                        b.isValid() ? b.value() : m.config().batchSize());
                ModelFile.save(file, SavedModel.now(new DiffusionModel(c, m.schedule(), m.network()), s.history(),
                        s.iteration(), s.seconds()));
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

    private void newRunStarted(long iteration) {
        run++;
        savedIteration = iteration;
    }

    /** Stops the worker and the background computations (window closing). */
    public void shutdown() {
        service.shutdown();
        analysis.shutdown();
        io.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Derived state

    private void update() {
        progress.update(service.getActivity(), inputsValid.get(), service.getSnapshot(),
                TrainLogic.budget(budgetKind.get(), budgetValue.get()).value());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Properties

    /** The run controls' state (buttons, counters, progress, status). */
    public RunProgress progress() {
        return progress;
    }

    public TrainingService service() {
        return service;
    }

    public TrainAnalysis analysis() {
        return analysis;
    }

    public ReadOnlyObjectProperty<Snapshot> snapshotProperty() {
        return service.snapshotProperty();
    }

    public ObjectProperty<String> datasetProperty() {
        return dataset;
    }

    public StringProperty noiseProperty() {
        return noise;
    }

    public StringProperty stepsProperty() {
        return steps;
    }

    public ObjectProperty<String> scheduleProperty() {
        return schedule;
    }

    public ObjectProperty<String> architectureProperty() {
        return architecture;
    }

    public ObjectProperty<OptimizerKind> optimizerProperty() {
        return optimizer;
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

    public BooleanProperty learnBetaProperty() {
        return learnBeta;
    }

    public ObjectProperty<BudgetKind> budgetKindProperty() {
        return budgetKind;
    }

    public StringProperty budgetValueProperty() {
        return budgetValue;
    }

    public ObservableStringValue noiseError() {
        return noiseError;
    }

    public ObservableStringValue stepsError() {
        return stepsError;
    }

    public ObservableStringValue architectureError() {
        return architectureError;
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

    public ReadOnlyBooleanProperty startDisabledProperty() {
        return progress.startDisabledProperty();
    }

    public ReadOnlyBooleanProperty pauseDisabledProperty() {
        return progress.pauseDisabledProperty();
    }

    public ReadOnlyBooleanProperty stepDisabledProperty() {
        return progress.stepDisabledProperty();
    }

    public ReadOnlyBooleanProperty resetDisabledProperty() {
        return progress.resetDisabledProperty();
    }

    /** True while training: the fields that shape the model are locked (the learning rate and batch size are not). */
    public ReadOnlyBooleanProperty structureLockedProperty() {
        return progress.structureLockedProperty();
    }

    public ReadOnlyStringProperty startTextProperty() {
        return progress.startTextProperty();
    }

    public ReadOnlyStringProperty iterationTextProperty() {
        return progress.iterationTextProperty();
    }

    public ReadOnlyStringProperty speedTextProperty() {
        return progress.speedTextProperty();
    }

    public ReadOnlyStringProperty elapsedTextProperty() {
        return progress.elapsedTextProperty();
    }

    public ReadOnlyStringProperty etaTextProperty() {
        return progress.etaTextProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.progressProperty();
    }

    public ReadOnlyBooleanProperty progressVisibleProperty() {
        return progress.progressVisibleProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return progress.statusTextProperty();
    }

    public ReadOnlyStringProperty messageTextProperty() {
        return progress.messageTextProperty();
    }

    public ReadOnlyBooleanProperty divergedProperty() {
        return progress.divergedProperty();
    }

    /** K on the holdout now, with its unit. */
    public ReadOnlyStringProperty kTextProperty() {
        return progress.kTextProperty();
    }

    /** The architecture presets offered. */
    public static List<String> architectures() {
        return MlpArchitecture.presetNames();
    }
}
