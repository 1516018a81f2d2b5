package org.diffusionlab.app.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.concurrent.Task;
import org.diffusionlab.app.service.TrainingService;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.io.ModelFile;
import org.diffusionlab.engine.io.SavedModel;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.model.MlpArchitecture;
import org.diffusionlab.engine.train.OptimizerKind;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.TrainingConfig;

/**
 * The Train pane's state for Gaussian diffusion of 2-D points: beside what every run has ({@link RunViewModel}), the
 * data set and its noise, T, the schedule, the architecture, the optimiser and learned beta, on top of a
 * {@link TrainingService}; the analyses of the run (samples, log-likelihood) follow its snapshots.
 */
public final class TrainViewModel extends RunViewModel<Snapshot, TrainingConfig> {

    private final TrainingService service;
    private final TrainAnalysis analysis;

    private final ObjectProperty<String> dataset = new SimpleObjectProperty<>(this, "dataset");
    private final StringProperty noise = new SimpleStringProperty(this, "noise", "");
    private final StringProperty steps = new SimpleStringProperty(this, "steps", "");
    private final ObjectProperty<String> schedule = new SimpleObjectProperty<>(this, "schedule");
    private final ObjectProperty<String> architecture = new SimpleObjectProperty<>(this, "architecture");
    private final ObjectProperty<OptimizerKind> optimizer = new SimpleObjectProperty<>(this, "optimizer");
    private final BooleanProperty learnBeta = new SimpleBooleanProperty(this, "learnBeta");
    private final ObjectProperty<KernelForm> covariance = new SimpleObjectProperty<>(this, "covariance");

    private final StringBinding noiseError = problem(noise, () -> TrainLogic.noise(noise.get()));
    private final StringBinding stepsError = problem(steps, () -> TrainLogic.steps(steps.get()));
    private final StringBinding architectureError = problem(architecture, () -> TrainLogic.architecture(architecture.get()));

    public TrainViewModel(TrainingService service, TrainAnalysis analysis, TrainingConfig initial) {
        super(service, initial, TrainLogic::bits, "diffusionlab-io");
        this.service = service;
        this.analysis = Objects.requireNonNull(analysis);
        bind(List.of(noiseError, stepsError, architectureError), dataset, schedule, optimizer, covariance);
    }

    /** Builds the first run from the form (call once the UI is up). */
    public void initialise() {
        formConfig().ifPresentOrElse(service::reset, () -> service.reset(template()));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Form

    @Override
    protected boolean choicesMade() {
        return dataset.get() != null && schedule.get() != null && optimizer.get() != null && covariance.get() != null;
    }

    @Override
    protected void setForm(TrainingConfig c) {
        dataset.set(c.dataset());
        noise.set(plain(c.noiseStd()));
        steps.set(Integer.toString(c.steps()));
        schedule.set(c.schedule());
        architecture.set(c.architecture());
        optimizer.set(c.optimizer());
        learningRateProperty().set(plain(c.learningRate()));
        batchSizeProperty().set(Integer.toString(c.batchSize()));
        seedProperty().set(Long.toString(c.seed()));
        learnBeta.set(c.learnBeta());
        covariance.set(c.covariance());
    }

    @Override
    protected TrainingConfig buildConfig() {
        TrainingConfig t = template();
        return new TrainingConfig(dataset.get(), TrainLogic.noise(noise.get()).value(),
                TrainLogic.steps(steps.get()).value(), schedule.get(), t.beta1(),
                TrainLogic.architecture(architecture.get()).value(), optimizer.get(),
                TrainLogic.learningRate(learningRateProperty().get()).value(),
                TrainLogic.batchSize(batchSizeProperty().get()).value(), TrainLogic.seed(seedProperty().get()).value(),
                learnBeta.get(), t.holdoutSize(), covariance.get());
    }

    @Override
    protected TrainingConfig configOf(Snapshot s) {
        return s.config();
    }

    @Override
    protected boolean sameModel(TrainingConfig a, TrainingConfig b) {
        return TrainLogic.sameModel(a, b);
    }

    @Override
    protected void resetService(TrainingConfig config) {
        service.reset(config);
    }

    @Override
    protected void onSnapshot(Snapshot s) {
        analysis.onSnapshot(s);
    }

    @Override
    protected void onNewRun() {
        analysis.clear();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Commands beyond the shared ones

    /**
     * Continues the current model on {@code schedule}, held fixed (the Schedule pane's one button), and trains it for
     * {@code iterations} more (the form's budget, shown in the run controls); the form then shows the run's settings.
     */
    public void fineTune(org.diffusionlab.engine.schedule.BetaSchedule schedule, long iterations) {
        service.fineTune(schedule, () -> {
            TrainingConfig c = runConfig();
            if (c != null) {
                setTemplate(c);
                showConfig(c);
            }
            // a fine-tune is a measured amount of training: its budget shows (and stops it) in the run controls
            budgetKindProperty().set(TrainLogic.BudgetKind.ITERATIONS);
            budgetValueProperty().set(Long.toString(iterations));
            restartProgress();
            javafx.application.Platform.runLater(this::start);   // once the service has left the fine-tune command
        });
    }

    /** A fresh run with the default settings. */
    public void newRun(TrainingConfig defaults) {
        setTemplate(defaults);
        showConfig(defaults);
        clearBudget();
        reset();
    }

    /**
     * Reads a model file on a background thread; if it is a valid model, training continues from it (the form shows
     * its settings); if not, the error sink gets the reason (naming the file) and nothing else changes.
     */
    public Task<SavedModel> open(Path file, Runnable onOpened) {
        return openModel(() -> ModelFile.load(file).registerUserData(), m -> m.model().config(), service::open, onOpened);
    }

    /**
     * Saves the newest snapshot (the current state once paused) to a model file on a background thread, with the
     * learning rate and batch size now in use. The task fails with an IOException naming the file.
     */
    public Task<Path> save(Path file) {
        return saveModel(file, (target, s, lr, b) -> {
            DiffusionModel m = s.toModel();
            TrainingConfig c = m.config().withOptimizer(m.config().optimizer(),
                    lr.isValid() ? lr.value() : m.config().learningRate(),
                    b.isValid() ? b.value() : m.config().batchSize());
            ModelFile.save(target, SavedModel.now(new DiffusionModel(c, m.schedule(), m.network()), s.history(),
                    s.iteration(), s.seconds()));
        });
    }

    /** Stops the worker and the background computations (window closing). */
    @Override
    public void shutdown() {
        super.shutdown();
        analysis.shutdown();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Properties

    public TrainingService service() {
        return service;
    }

    public TrainAnalysis analysis() {
        return analysis;
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

    /** The reverse kernel's covariance form: the paper's diagonal one, or full (beyond the paper). */
    public ObjectProperty<KernelForm> covarianceProperty() {
        return covariance;
    }

    public ObjectProperty<OptimizerKind> optimizerProperty() {
        return optimizer;
    }

    public BooleanProperty learnBetaProperty() {
        return learnBeta;
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

    // The run controls' state, named as the pane and its tests know it.

    public ReadOnlyBooleanProperty startDisabledProperty() {
        return progress().startDisabledProperty();
    }

    public ReadOnlyBooleanProperty pauseDisabledProperty() {
        return progress().pauseDisabledProperty();
    }

    public ReadOnlyBooleanProperty stepDisabledProperty() {
        return progress().stepDisabledProperty();
    }

    public ReadOnlyBooleanProperty resetDisabledProperty() {
        return progress().resetDisabledProperty();
    }

    /** True while training: the fields that shape the model are locked (the learning rate and batch size are not). */
    public ReadOnlyBooleanProperty structureLockedProperty() {
        return progress().structureLockedProperty();
    }

    public ReadOnlyStringProperty startTextProperty() {
        return progress().startTextProperty();
    }

    public ReadOnlyStringProperty iterationTextProperty() {
        return progress().iterationTextProperty();
    }

    public ReadOnlyStringProperty speedTextProperty() {
        return progress().speedTextProperty();
    }

    public ReadOnlyStringProperty elapsedTextProperty() {
        return progress().elapsedTextProperty();
    }

    public ReadOnlyStringProperty etaTextProperty() {
        return progress().etaTextProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress().progressProperty();
    }

    public ReadOnlyBooleanProperty progressVisibleProperty() {
        return progress().progressVisibleProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return progress().statusTextProperty();
    }

    public ReadOnlyStringProperty messageTextProperty() {
        return progress().messageTextProperty();
    }

    public ReadOnlyBooleanProperty divergedProperty() {
        return progress().divergedProperty();
    }

    /** K on the holdout now, with its unit. */
    public ReadOnlyStringProperty kTextProperty() {
        return progress().kTextProperty();
    }

    /** The architecture presets offered. */
    public static List<String> architectures() {
        return MlpArchitecture.presetNames();
    }
}
