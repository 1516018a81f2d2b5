package org.diffusionlab.app.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
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
import org.diffusionlab.app.service.BinomialTrainingService;
import org.diffusionlab.app.service.RunService.Activity;
import org.diffusionlab.app.train.TrainLogic.BudgetKind;
import org.diffusionlab.app.train.TrainLogic.Parsed;
import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.NativeRuntime;
import org.diffusionlab.engine.binomial.BinomialArchitecture;
import org.diffusionlab.engine.binomial.BinomialConfig;
import org.diffusionlab.engine.binomial.BinomialModel;
import org.diffusionlab.engine.binomial.BinomialModelFile;
import org.diffusionlab.engine.binomial.BinomialSnapshot;
import org.diffusionlab.engine.binomial.Parameterisation;
import org.diffusionlab.engine.binomial.SavedBinomialModel;
import org.diffusionlab.engine.train.Budget;

/**
 * The Train pane's state when it trains binomial diffusion on the binary heartbeat: the form (T, the network, the
 * temporal bumps, the parameterisation, the optimiser's settings, the seed and the budget; text as typed, each field
 * with the reason it is refused), the run controls ({@link RunProgress}) and the commands, on top of a
 * {@link BinomialTrainingService}. K is in bits per sequence. Lives on the JavaFX application thread; the form and its
 * validation work without a running toolkit.
 */
public final class BinomialTrainViewModel {

    /** What {@link #commitForm()} decided about a changed field that shapes the model. */
    public enum Change { NONE, APPLIED, NEEDS_CONFIRMATION }

    private final BinomialTrainingService service;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "diffusionlab-binomial-io");
        t.setDaemon(true);
        return t;
    });
    /** Values the form does not show (holdout draws per step) come from here. */
    private BinomialConfig template;

    private final StringProperty steps = new SimpleStringProperty(this, "steps", "");
    private final StringProperty network = new SimpleStringProperty(this, "network", "");
    private final StringProperty bumps = new SimpleStringProperty(this, "bumps", "");
    private final ObjectProperty<Parameterisation> parameterisation = new SimpleObjectProperty<>(this, "parameterisation");
    private final StringProperty learningRate = new SimpleStringProperty(this, "learningRate", "");
    private final StringProperty batchSize = new SimpleStringProperty(this, "batchSize", "");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "");
    private final ObjectProperty<BudgetKind> budgetKind = new SimpleObjectProperty<>(this, "budgetKind", BudgetKind.NONE);
    private final StringProperty budgetValue = new SimpleStringProperty(this, "budgetValue", "");

    private final StringBinding stepsError = problem(steps, () -> steps(steps.get()));
    private final StringBinding networkError = problem(network, () -> network(network.get()));
    private final StringBinding bumpsError = problem(bumps, () -> bumps(bumps.get()));
    private final StringBinding learningRateError = problem(learningRate, () -> TrainLogic.learningRate(learningRate.get()));
    private final StringBinding batchSizeError = problem(batchSize, () -> TrainLogic.batchSize(batchSize.get()));
    private final StringBinding seedError = problem(seed, () -> TrainLogic.seed(seed.get()));
    private final StringBinding budgetError = Bindings.createStringBinding(
            () -> TrainLogic.budget(budgetKind.get(), budgetValue.get()).problem(), budgetKind, budgetValue);
    private final BooleanBinding inputsValid;

    private final RunProgress progress = new RunProgress(BinomialTrainViewModel::bitsPerSequence);
    private boolean updatingForm;
    private Consumer<String> errorSink = m -> { };
    /** Which run the service holds: changes with every reset or opened file, so a late save cannot mark a new run. */
    private long run;
    /** The iteration of the current run that was last saved or opened. */
    private long savedIteration;

    public BinomialTrainViewModel(BinomialTrainingService service, BinomialConfig initial) {
        this.service = Objects.requireNonNull(service);
        this.template = Objects.requireNonNull(initial);
        showConfig(initial);
        inputsValid = Bindings.createBooleanBinding(this::allValid, stepsError, networkError, bumpsError,
                learningRateError, batchSizeError, seedError, budgetError, parameterisation);
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

    /** Builds the first run from the form, if none exists yet (the heartbeat experiment was chosen). */
    public void initialise() {
        if (service.getSnapshot() == null && !service.isBusy()) {
            formConfig().ifPresentOrElse(service::reset, () -> service.reset(template));
        }
    }

    /** Where failures of background work are reported, on the FX thread. */
    public void setErrorSink(Consumer<String> sink) {
        this.errorSink = Objects.requireNonNull(sink);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Form

    private static StringBinding problem(Observable dependency, Supplier<Parsed<?>> parse) {
        return Bindings.createStringBinding(() -> parse.get().problem(), dependency);
    }

    static Parsed<Integer> steps(String text) {
        Parsed<Integer> n = wholeNumber(text, "T");
        if (n.isValid() && (n.value() < 2 || n.value() > 10_000)) {
            return Parsed.refused("T must be a whole number from 2 to 10000 (the paper: 2000)");
        }
        return n;
    }

    static Parsed<Integer> bumps(String text) {
        Parsed<Integer> n = wholeNumber(text, "The number of temporal bumps");
        if (n.isValid() && (n.value() < 1 || n.value() > BinomialArchitecture.MAX_BUMPS)) {
            return Parsed.refused("The number of temporal bumps must be 1 to " + BinomialArchitecture.MAX_BUMPS);
        }
        return n;
    }

    static Parsed<String> network(String text) {
        try {
            return Parsed.ok(BinomialArchitecture.parse(text == null ? "" : text.trim(), 1, Parameterisation.X0)
                    .layersText());
        } catch (IllegalArgumentException e) {
            return Parsed.refused(e.getMessage());
        }
    }

    private static Parsed<Integer> wholeNumber(String text, String field) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return Parsed.refused(field + " is required");
        }
        try {
            return Parsed.ok(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            return Parsed.refused(field + " must be a whole number, got '" + t + "'");
        }
    }

    private boolean allValid() {
        return List.of(stepsError, networkError, bumpsError, learningRateError, batchSizeError, seedError, budgetError)
                .stream().allMatch(e -> e.get().isEmpty()) && parameterisation.get() != null;
    }

    /** Shows a config in the form (without asking or resetting). */
    public void showConfig(BinomialConfig c) {
        boolean was = updatingForm;
        updatingForm = true;
        try {
            steps.set(Integer.toString(c.steps()));
            network.set(c.network());
            bumps.set(Integer.toString(c.bumps()));
            parameterisation.set(c.parameterisation());
            learningRate.set(plain(c.learningRate()));
            batchSize.set(Integer.toString(c.batchSize()));
            seed.set(Long.toString(c.seed()));
        } finally {
            updatingForm = was;
        }
    }

    private static String plain(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s.toLowerCase(Locale.ROOT);
    }

    /** The config the form describes, if every field is valid. */
    public Optional<BinomialConfig> formConfig() {
        if (!allValid()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BinomialConfig(Heartbeat.NAME, steps(steps.get()).value(), network(network.get()).value(),
                    bumps(bumps.get()).value(), parameterisation.get(), TrainLogic.learningRate(learningRate.get()).value(),
                    TrainLogic.batchSize(batchSize.get()).value(), TrainLogic.seed(seed.get()).value(),
                    template.holdoutPerStep()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The config of the run the service holds (null before the first snapshot). */
    public BinomialConfig runConfig() {
        BinomialSnapshot s = service.getSnapshot();
        return s == null ? null : s.config();
    }

    /** Whether two configs make the same model (the learning rate and batch size may differ). */
    static boolean sameModel(BinomialConfig a, BinomialConfig b) {
        return a.withOptimizer(b.learningRate(), b.batchSize()).equals(b);
    }

    /** Iterations trained since the run was last saved or opened (or since it began). */
    public long unsavedIterations() {
        BinomialSnapshot s = service.getSnapshot();
        return s == null ? 0 : Math.max(0, s.iteration() - savedIteration);
    }

    public boolean hasProgress() {
        BinomialSnapshot s = service.getSnapshot();
        return s != null && s.iteration() > 0;
    }

    /** A field that shapes the model was committed: rebuild an unstarted run at once, or say the user must be asked. */
    public Change commitForm() {
        if (updatingForm) {
            return Change.NONE;
        }
        var form = formConfig();
        BinomialConfig current = runConfig();
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
        BinomialConfig current = runConfig();
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
        BinomialSnapshot s = service.getSnapshot();
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
        service.reset(form.get());
    }

    /**
     * Reads a binomial model file on a background thread; if it is valid, training continues from it (the form shows
     * its settings) and {@code onOpened} runs; if not, the error sink gets the reason and nothing else changes.
     */
    public Task<SavedBinomialModel> open(Path file, Runnable onOpened) {
        Task<SavedBinomialModel> read = new Task<>() {
            @Override
            protected SavedBinomialModel call() throws Exception {
                NativeRuntime.configureDefault();
                return BinomialModelFile.load(file);
            }
        };
        read.setOnSucceeded(e -> {
            SavedBinomialModel m = read.getValue();
            service.open(m, () -> {
                template = m.model().config();
                BinomialSnapshot opened = service.getSnapshot();
                newRunStarted(opened == null ? 0 : opened.iteration());
                progress.clear();
                showConfig(m.model().config());
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
     * Saves the newest snapshot to a binomial model file on a background thread (atomically), with the learning rate
     * and batch size now in use. The task fails with an IOException naming the file.
     */
    public Task<Path> save(Path file) {
        BinomialSnapshot s = service.getSnapshot();
        if (s == null) {
            throw new IllegalStateException("Nothing to save yet");
        }
        Parsed<Double> lr = TrainLogic.learningRate(learningRate.get());
        Parsed<Integer> b = TrainLogic.batchSize(batchSize.get());
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                NativeRuntime.configureDefault();
                BinomialModel m = s.toModel();
                BinomialConfig c = m.config().withOptimizer(lr.isValid() ? lr.value() : m.config().learningRate(),
                        b.isValid() ? b.value() : m.config().batchSize());
                BinomialModelFile.save(file, new SavedBinomialModel(new BinomialModel(c, m.network()), s.history(),
                        s.iteration(), s.seconds(), org.diffusionlab.Version.get(), java.time.Instant.now()));
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

    /** Stops the worker (window closing). */
    public void shutdown() {
        service.shutdown();
        io.shutdownNow();
    }

    private void update() {
        progress.update(service.getActivity(), inputsValid.get(), service.getSnapshot(),
                TrainLogic.budget(budgetKind.get(), budgetValue.get()).value());
    }

    /** K with two decimals and its unit; "–" when unknown. */
    static String bitsPerSequence(double bits) {
        return Double.isFinite(bits) ? String.format(Locale.ROOT, "%.3f bits/seq", bits) : "\u2013";
    }

    // ------------------------------------------------------------------------------------------------------------
    // Properties

    public BinomialTrainingService service() {
        return service;
    }

    public RunProgress progress() {
        return progress;
    }

    public ReadOnlyObjectProperty<BinomialSnapshot> snapshotProperty() {
        return service.snapshotProperty();
    }

    public StringProperty stepsProperty() {
        return steps;
    }

    public StringProperty networkProperty() {
        return network;
    }

    public StringProperty bumpsProperty() {
        return bumps;
    }

    public ObjectProperty<Parameterisation> parameterisationProperty() {
        return parameterisation;
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

    public ObservableStringValue stepsError() {
        return stepsError;
    }

    public ObservableStringValue networkError() {
        return networkError;
    }

    public ObservableStringValue bumpsError() {
        return bumpsError;
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
