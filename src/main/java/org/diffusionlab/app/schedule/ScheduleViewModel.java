package org.diffusionlab.app.schedule;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import org.diffusionlab.app.service.LatestOnlyService;
import org.diffusionlab.app.ui.Parsed;
import org.diffusionlab.app.ui.TypedNumbers;
import org.diffusionlab.app.service.RunService.Activity;
import org.diffusionlab.app.train.TrainViewModel;
import org.diffusionlab.engine.NativeRuntime;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.schedule.ScheduleCsv;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.TrainingConfig;

/**
 * The Schedule pane's state on top of the training run: the edited schedule (with undo), the presets, the model's
 * schedule and the run's starting one, and two background computations that keep only their newest request: the
 * bound of the current model under the trained and the edited schedule (only while the pane is shown), and the
 * forward-process preview. Lives on the JavaFX application thread.
 */
public final class ScheduleViewModel {

    /** The preset that follows the model's learned schedule. */
    public static final String LEARNED = "learned";
    public static final String HINT = "Drag a point to change \u03b2 at its step (the curve bends smoothly in log \u03b2 "
            + "between its neighbours). Ctrl+Z undoes, Ctrl+Y redoes.";

    private final TrainViewModel train;
    private final ScheduleEditor editor;
    private final ScheduleWork work = new ScheduleWork();
    private final ExecutorService boundThread = daemon("diffusionlab-schedule-bound");
    private final ExecutorService previewThread = daemon("diffusionlab-schedule-preview");
    private final ExecutorService bestKernelThread = daemon("diffusionlab-schedule-best-kernel");
    private final ExecutorService io = daemon("diffusionlab-schedule-io");
    private final LatestOnlyService<ScheduleWork.BoundRequest, ScheduleWork.Bounds> boundService;
    private final LatestOnlyService<ScheduleWork.PreviewRequest, ScheduleWork.Preview> previewService;
    private final LatestOnlyService<ScheduleWork.BestKernelRequest, ScheduleWork.BestKernel> bestKernelService;

    private final ReadOnlyObjectWrapper<ScheduleWork.Bounds> bounds = new ReadOnlyObjectWrapper<>(this, "bounds");
    private final ReadOnlyObjectWrapper<ScheduleWork.Preview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyObjectWrapper<ScheduleWork.BestKernel> bestKernel = new ReadOnlyObjectWrapper<>(this, "bestKernel");
    private final ReadOnlyObjectWrapper<BetaSchedule> modelSchedule = new ReadOnlyObjectWrapper<>(this, "modelSchedule");
    private final ReadOnlyObjectWrapper<BetaSchedule> startSchedule = new ReadOnlyObjectWrapper<>(this, "startSchedule");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", HINT);
    private final ReadOnlyStringWrapper presetError = new ReadOnlyStringWrapper(this, "presetError", "");
    private final ReadOnlyObjectWrapper<Refusal> refusal = new ReadOnlyObjectWrapper<>(this, "refusal");
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", true);
    private final BooleanBinding fineTuneDisabled;
    /** Fine-tune trains this many iterations unless the user types another number. */
    public static final int DEFAULT_FINE_TUNE_ITERATIONS = 2000;
    static final int MAX_FINE_TUNE_ITERATIONS = 10_000_000;
    private final javafx.beans.property.StringProperty fineTuneIterations =
            new javafx.beans.property.SimpleStringProperty(this, "fineTuneIterations",
                    Integer.toString(DEFAULT_FINE_TUNE_ITERATIONS));
    private final javafx.beans.property.ReadOnlyBooleanWrapper fineTuning =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "fineTuning");
    private boolean fineTuneStarted;
    private Consumer<String> errorSink = m -> { };

    private TrainingConfig runConfig;
    private long lastIteration = -1;
    /** The bounds asked for last (so a result for an older request is still shown, but marked as catching up). */
    private ScheduleWork.BoundRequest lastBoundRequest;

    /** A drag the editor refused: which control point, and why. */
    public record Refusal(int control, String reason) {
    }

    public ScheduleViewModel(TrainViewModel train) {
        this.train = Objects.requireNonNull(train);
        Snapshot s = train.snapshotProperty().get();
        BetaSchedule initial = s != null ? s.schedule() : TrainingConfig.defaults().baseSchedule();
        editor = new ScheduleEditor(ScheduleEdit.of(s != null && s.config().learnBeta() ? LEARNED : initial.name(), initial));
        boundService = new LatestOnlyService<>("schedule bound", boundThread, work::bounds, bounds::set);
        previewService = new LatestOnlyService<>("schedule preview", previewThread, work::preview, preview::set);
        bestKernelService = new LatestOnlyService<>("best kernel", bestKernelThread, work::bestKernel, bestKernel::set);
        editor.currentProperty().addListener((o, a, e) -> {
            refusal.set(null);
            requestWork();
        });
        train.snapshotProperty().addListener((o, a, snap) -> onSnapshot(snap));
        active.addListener((o, a, on) -> {
            if (on) {
                requestWork();
            }
        });
        fineTuneDisabled = Bindings.createBooleanBinding(() -> train.snapshotProperty().get() == null
                        || train.service().getActivity() == Activity.PREPARING
                        || train.service().getActivity() == Activity.CLOSED,
                train.snapshotProperty(), train.service().activityProperty());
        train.service().activityProperty().addListener((o, a, b) -> fineTuneActivity(b));
        onSnapshot(s);
    }

    private static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public void setErrorSink(Consumer<String> sink) {
        this.errorSink = Objects.requireNonNull(sink);
    }

    // ------------------------------------------------------------------------------------------------------------
    // The run

    private void onSnapshot(Snapshot s) {
        if (s == null) {
            return;
        }
        TrainingConfig c = s.config();
        boolean newRun = runConfig == null || !c.equals(runConfig) || s.iteration() < lastIteration;
        if (newRun) {
            BetaSchedule first = c.hasCustomSchedule() ? s.schedule() : c.baseSchedule();
            startSchedule.set(c.learnBeta() ? first : null);
            if (runConfig == null || c.steps() != runConfig.steps()) {
                editor.reset(ScheduleEdit.of(c.learnBeta() ? LEARNED : s.schedule().name(), s.schedule()));
            }
            runConfig = c;
        }
        lastIteration = s.iteration();
        modelSchedule.set(s.schedule());
        ScheduleEdit e = editor.current();
        if (LEARNED.equals(e.source()) && e.unshifted() && c.learnBeta() && !editor.dragging()) {
            editor.follow(ScheduleEdit.of(LEARNED, s.schedule()));    // the curve moves with training
        }
        if (newRun) {
            requestWork();              // another data set changes the preview and the best kernel too
        } else {
            requestBounds();
        }
    }

    /** The config of the run the pane describes (null before the first snapshot). */
    public TrainingConfig runConfig() {
        return runConfig;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Edits

    public ScheduleEditor editor() {
        return editor;
    }

    /** The preset names offered. */
    public static List<String> presets() {
        List<String> p = new java.util.ArrayList<>(TrainingConfig.SCHEDULES);
        p.add(LEARNED);
        return List.copyOf(p);
    }

    /** The values a preset has for the current run (T and beta_1 of its config), as the trainer would use them. */
    public BetaSchedule presetSchedule(String name) {
        TrainingConfig c = runConfig != null ? runConfig : TrainingConfig.defaults();
        if (LEARNED.equals(name)) {
            Snapshot s = train.snapshotProperty().get();
            if (s == null || !s.config().learnBeta()) {
                return null;
            }
            return s.schedule();
        }
        return c.withSchedule(name).baseSchedule();
    }

    /** Shows a preset (one undo step); "learned" follows the model while it trains. */
    public void choosePreset(String name) {
        BetaSchedule s = presetSchedule(name);
        if (s == null) {
            presetError.set("\u201clearned\u201d needs a run that learns \u03b2: tick \u201cLearn \u03b2\u201d in the Train pane");
            return;
        }
        presetError.set("");
        editor.replace(ScheduleEdit.of(name, s.named(name)));
    }

    /** A drag starts on control point {@code i}. */
    public void pressControl(int i) {
        editor.beginDrag();
        refusal.set(null);
    }

    /** The mouse asks for beta at control point {@code i}; refused (shown at the point) outside (0, 1). */
    public void dragControl(int i, double beta) {
        String p = editor.moveControl(i, beta);
        refusal.set(p == null ? null : new Refusal(i, p));
        message.set(p == null ? String.format(Locale.ROOT, "\u03b2_%d = %s", editor.current().controlStep(i),
                ScheduleFormat.beta(beta)) : p);
    }

    public void releaseControl(int i) {
        editor.endDrag();
        if (refusal.get() == null) {
            message.set(HINT);
        }
    }

    /** Sets beta_1 from the field's text; returns the reason it is refused (empty if accepted). */
    public String setBeta1(String text) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return "\u03b2\u2081 must be a number in (0, 0.5), e.g. 0.001";
        }
        String p = editor.setBeta1(v);
        return p == null ? "" : p;
    }

    public void undo() {
        editor.undo();
    }

    public void redo() {
        editor.redo();
    }

    /** Continues the model on the edited schedule, held fixed, and starts training (the Train pane shows it). */
    public void fineTune() {
        ScheduleEdit e = editor.current();
        if (e.problem() != null || fineTuneDisabled.get()) {
            return;
        }
        Parsed<Integer> n = fineTuneBudget();
        if (!n.isValid()) {
            message.set(n.problem());
            return;
        }
        fineTuning.set(true);
        fineTuneStarted = false;
        train.fineTune(e.schedule().named(TrainingConfig.CUSTOM), n.value());
        message.set(String.format(java.util.Locale.ROOT, "Fine-tuning the model on this schedule (\u03b2 fixed) for "
                + "%,d iterations; its progress shows here and in the Train pane.", n.value()));
    }

    /** The fine-tune's budget as typed: a whole number of iterations. */
    public Parsed<Integer> fineTuneBudget() {
        return TypedNumbers.wholeNumber(fineTuneIterations.get(), "Iterations", 1, MAX_FINE_TUNE_ITERATIONS);
    }

    /** How many iterations Fine-tune trains (text, as typed). */
    public javafx.beans.property.StringProperty fineTuneIterationsProperty() {
        return fineTuneIterations;
    }

    /** True from Fine-tune until that training stops (budget reached or paused). */
    public javafx.beans.property.ReadOnlyBooleanProperty fineTuningProperty() {
        return fineTuning.getReadOnlyProperty();
    }

    /** The training run's controls (the fine-tune's progress and iteration). */
    public org.diffusionlab.app.train.RunProgress trainProgress() {
        return train.progress();
    }

    /** Follows the training a fine-tune started: it is over when training stops after it began. */
    private void fineTuneActivity(Activity a) {
        if (!fineTuning.get()) {
            return;
        }
        if (a == Activity.TRAINING) {
            fineTuneStarted = true;
        } else if (fineTuneStarted) {
            fineTuning.set(false);
            Snapshot s = train.snapshotProperty().get();
            message.set(String.format(java.util.Locale.ROOT, "Fine-tuned on this schedule up to iteration %,d.",
                    s == null ? 0 : s.iteration()));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Files

    /** Writes the edited schedule as CSV (t,beta) on a background thread. */
    public Task<Path> saveCsv(Path file) {
        BetaSchedule s = editor.current().schedule();
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                ScheduleCsv.save(file, s);
                return file;
            }
        };
        task.setOnSucceeded(e -> message.set("Saved the schedule to " + file));
        task.setOnFailed(e -> errorSink.accept("Cannot save schedule file " + file + ": " + task.getException().getMessage()));
        io.execute(task);
        return task;
    }

    /** Reads a schedule CSV on a background thread; it replaces the edited curve (one undo step) if it fits the run. */
    public Task<BetaSchedule> loadCsv(Path file) {
        int steps = editor.current().steps();
        String name = file.getFileName().toString();
        Task<BetaSchedule> task = new Task<>() {
            @Override
            protected BetaSchedule call() throws Exception {
                NativeRuntime.configureDefault();
                BetaSchedule s = ScheduleCsv.load(file, name);
                if (s.steps() != steps) {
                    throw new java.io.IOException("Cannot use schedule file " + file + ": it has T = " + s.steps()
                            + " steps, the model has T = " + steps);
                }
                String p = ScheduleEditor.problemBeta1(s.beta(1));
                if (p != null) {
                    throw new java.io.IOException("Cannot use schedule file " + file + ": beta_1 = " + s.beta(1)
                            + "; " + p);
                }
                return s;
            }
        };
        task.setOnSucceeded(e -> {
            editor.replace(ScheduleEdit.of(name, task.getValue()));
            message.set("Loaded " + file);
        });
        task.setOnFailed(e -> errorSink.accept(task.getException().getMessage()));
        io.execute(task);
        return task;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Background work

    private void requestWork() {
        requestBounds();
        ScheduleEdit e = editor.current();
        if (e.problem() == null) {
            TrainingConfig c = runConfig != null ? runConfig : TrainingConfig.defaults();
            previewService.submit(new ScheduleWork.PreviewRequest(c, e.schedule(), ScheduleWork.previewSteps(e.steps())));
            if (active.get()) {
                bestKernelService.submit(new ScheduleWork.BestKernelRequest(c, e.schedule()));
            }
        }
    }

    private void requestBounds() {
        Snapshot s = train.snapshotProperty().get();
        ScheduleEdit e = editor.current();
        if (!active.get() || s == null || e.problem() != null || e.steps() != s.config().steps()) {
            return;
        }
        lastBoundRequest = new ScheduleWork.BoundRequest(s, e.schedule());
        boundService.submit(lastBoundRequest);
    }

    /** True while bounds or the preview are being computed (tests wait for this). */
    public boolean isBusy() {
        return boundService.isBusy() || previewService.isBusy() || bestKernelService.isBusy();
    }

    /** The schedule of the newest bound request (null before any). */
    public BetaSchedule requestedSchedule() {
        return lastBoundRequest == null ? null : lastBoundRequest.edited();
    }

    public void dispose() {
        boundService.close();
        previewService.close();
        bestKernelService.close();
        boundThread.shutdownNow();
        previewThread.shutdownNow();
        bestKernelThread.shutdownNow();
        io.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Properties

    public ReadOnlyObjectProperty<ScheduleWork.Bounds> boundsProperty() {
        return bounds.getReadOnlyProperty();
    }

    /** The best any Gaussian kernel reaches under the edited schedule (for data whose density is known). */
    public ReadOnlyObjectProperty<ScheduleWork.BestKernel> bestKernelProperty() {
        return bestKernel.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ScheduleWork.Preview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BetaSchedule> modelScheduleProperty() {
        return modelSchedule.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BetaSchedule> startScheduleProperty() {
        return startSchedule.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty presetErrorProperty() {
        return presetError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Refusal> refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    /** Whether the pane is shown: the bound is only computed then (it costs CPU the training could use). */
    public BooleanProperty activeProperty() {
        return active;
    }

    public BooleanBinding fineTuneDisabledProperty() {
        return fineTuneDisabled;
    }
}
