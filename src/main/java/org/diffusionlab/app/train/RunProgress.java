package org.diffusionlab.app.train;

import java.util.Locale;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.diffusionlab.app.service.RunService.Activity;
import org.diffusionlab.app.train.TrainLogic.Buttons;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.RunFigures;
import org.diffusionlab.engine.train.TrainingStatus;

/**
 * The run controls' state every training pane shows the same way, whatever it trains: which of Start / Pause / Step /
 * Reset are enabled, the counters, the speed, progress and ETA of the current budget, the status line and the
 * divergence message. The budget of a Start is counted from where it began and kept across pauses and steps.
 * Lives on the JavaFX application thread (or in a unit test without a toolkit).
 */
public final class RunProgress {

    /** The budget of the current Start: counted from where it began, kept across pauses and steps. */
    private record Segment(Budget budget, long startIteration, double startSeconds) {
    }

    private final Function<Double, String> kFormat;
    private Segment segment;
    private final TrainLogic.Pace pace = new TrainLogic.Pace();

    private final ReadOnlyBooleanWrapper startDisabled = new ReadOnlyBooleanWrapper(this, "startDisabled", true);
    private final ReadOnlyBooleanWrapper pauseDisabled = new ReadOnlyBooleanWrapper(this, "pauseDisabled", true);
    private final ReadOnlyBooleanWrapper stepDisabled = new ReadOnlyBooleanWrapper(this, "stepDisabled", true);
    private final ReadOnlyBooleanWrapper resetDisabled = new ReadOnlyBooleanWrapper(this, "resetDisabled", true);
    private final ReadOnlyBooleanWrapper structureLocked = new ReadOnlyBooleanWrapper(this, "structureLocked");
    private final ReadOnlyStringWrapper startText = new ReadOnlyStringWrapper(this, "startText", "Start");
    private final ReadOnlyStringWrapper iterationText = new ReadOnlyStringWrapper(this, "iterationText", "0");
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper(this, "speedText", "\u2013");
    private final ReadOnlyStringWrapper elapsedText = new ReadOnlyStringWrapper(this, "elapsedText", "0:00");
    private final ReadOnlyStringWrapper etaText = new ReadOnlyStringWrapper(this, "etaText", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyBooleanWrapper progressVisible = new ReadOnlyBooleanWrapper(this, "progressVisible");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "Preparing\u2026");
    private final ReadOnlyStringWrapper messageText = new ReadOnlyStringWrapper(this, "messageText", "");
    private final ReadOnlyBooleanWrapper diverged = new ReadOnlyBooleanWrapper(this, "diverged");
    private final ReadOnlyStringWrapper kText = new ReadOnlyStringWrapper(this, "kText", "\u2013");

    /** @param kFormat how the holdout K is written (with its unit) */
    public RunProgress(Function<Double, String> kFormat) {
        this.kFormat = kFormat;
    }

    /** A snapshot arrived; while training it also measures the pace. */
    public void observe(RunFigures s, Activity a) {
        if (s != null && a == Activity.TRAINING) {
            pace.observe(s.iteration(), s.seconds(), System.nanoTime());
        }
    }

    /** The service's activity changed: outside training the pace's next interval starts afresh. */
    public void activityChanged(Activity a) {
        if (a != Activity.TRAINING) {
            pace.interrupt();
        }
    }

    /** The budget fields changed: the next Start begins a new budget. */
    public void budgetEdited() {
        segment = null;
    }

    /** A new run (reset, opened file, fine-tune): no budget under way, no pace known. */
    public void clear() {
        segment = null;
        pace.clear();
    }

    /**
     * What a Start should train for: the rest of the budget under way (after a pause), or {@code chosen} from now
     * on (which then becomes the budget under way). Null if the chosen budget is null.
     */
    public Budget budgetToTrain(RunFigures s, Budget chosen) {
        Budget left = segment == null ? null
                : TrainLogic.remaining(segment.budget(), s.iteration() - segment.startIteration(),
                s.seconds() - segment.startSeconds());
        if (left == null && chosen != null) {
            segment = new Segment(chosen, s.iteration(), s.seconds());
            left = chosen;
        }
        return left;
    }

    /**
     * Recomputes everything shown.
     *
     * @param a           what the service does now
     * @param inputsValid every field of the form is valid
     * @param s           the newest snapshot, or null before the first
     * @param formBudget  the budget the form describes (null if invalid), shown before a Start
     */
    public void update(Activity a, boolean inputsValid, RunFigures s, Budget formBudget) {
        Buttons b = TrainLogic.buttons(a, inputsValid, s != null, s == null ? 0 : s.iteration());
        startDisabled.set(!b.start());
        pauseDisabled.set(!b.pause());
        stepDisabled.set(!b.step());
        resetDisabled.set(!b.reset());
        startText.set(b.startText());
        structureLocked.set(a == Activity.TRAINING || a == Activity.PAUSING);

        if (s == null) {
            statusText.set(statusOf(a, null));
            return;
        }
        iterationText.set(String.format(Locale.ROOT, "%,d", s.iteration()));
        speedText.set(a == Activity.TRAINING && pace.iterationsPerSecond() > 0
                ? String.format(Locale.ROOT, "%.0f it/s", pace.iterationsPerSecond()) : "\u2013");
        elapsedText.set(TrainLogic.duration(s.seconds()));
        kText.set(kFormat.apply(s.holdoutKBits()));
        statusText.set(statusOf(a, s));
        diverged.set(s.status() == TrainingStatus.DIVERGED);
        messageText.set(s.status() == TrainingStatus.DIVERGED ? s.message() : "");

        Budget budget = segment == null ? formBudget : segment.budget();
        if (budget != null && budget.isLimited()) {
            long doneIt = segment == null ? 0 : s.iteration() - segment.startIteration();
            double doneS = segment == null ? 0 : s.seconds() - segment.startSeconds();
            progressVisible.set(true);
            progress.set(TrainLogic.progress(budget, doneIt, doneS));
            double eta = TrainLogic.etaSeconds(budget, doneIt, doneS, pace.iterationsPerSecond(),
                    pace.wallPerTrainingSecond());
            etaText.set(segment == null ? "" : eta == 0 ? "done" : "ETA " + TrainLogic.duration(eta));
        } else {
            progressVisible.set(false);
            progress.set(0);
            etaText.set("");
        }
    }

    static String statusOf(Activity a, RunFigures s) {
        if (a == null) {
            return "Preparing\u2026";
        }
        return switch (a) {
            case PREPARING -> "Preparing\u2026";
            case TRAINING -> "Training";
            case PAUSING -> "Pausing\u2026";
            case STEPPING -> "Stepping";
            case CLOSED -> "Closed";
            case IDLE -> s == null ? "Preparing\u2026" : switch (s.status()) {
                case READY -> s.iteration() == 0 ? "Ready" : "Paused";
                case RUNNING, PAUSED, CANCELLED -> "Paused";
                case FINISHED -> "Finished";
                case DIVERGED -> "Diverged";
            };
        };
    }

    public ReadOnlyBooleanProperty startDisabledProperty() {
        return startDisabled.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pauseDisabledProperty() {
        return pauseDisabled.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stepDisabledProperty() {
        return stepDisabled.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty resetDisabledProperty() {
        return resetDisabled.getReadOnlyProperty();
    }

    /** True while training: the fields that shape the model are locked (the learning rate and batch size are not). */
    public ReadOnlyBooleanProperty structureLockedProperty() {
        return structureLocked.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty startTextProperty() {
        return startText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty iterationTextProperty() {
        return iterationText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty speedTextProperty() {
        return speedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedTextProperty() {
        return elapsedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaTextProperty() {
        return etaText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty progressVisibleProperty() {
        return progressVisible.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageTextProperty() {
        return messageText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty divergedProperty() {
        return diverged.getReadOnlyProperty();
    }

    /** K on the holdout now, with its unit. */
    public ReadOnlyStringProperty kTextProperty() {
        return kText.getReadOnlyProperty();
    }
}
