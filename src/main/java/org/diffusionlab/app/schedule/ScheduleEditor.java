package org.diffusionlab.app.schedule;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The edited schedule with undo and redo. Every change that a user makes is one undo step (a whole drag is one step,
 * however many mouse moves it has); a change that would put a beta outside (0, 1) is refused and the reason returned.
 * Undo restores the previous {@link ScheduleEdit} itself, so the schedule comes back exactly. Lives on the JavaFX
 * application thread (no toolkit needed: unit tests use it directly).
 */
public final class ScheduleEditor {

    /** beta_1 is the trainer's fixed first step: it accepts (0, 0.5). */
    public static final double MAX_BETA1 = 0.5;

    private final ReadOnlyObjectWrapper<ScheduleEdit> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final Deque<ScheduleEdit> undo = new ArrayDeque<>();
    private final Deque<ScheduleEdit> redo = new ArrayDeque<>();
    /** The state before the drag now under way, or null. */
    private ScheduleEdit dragStart;

    public ScheduleEditor(ScheduleEdit initial) {
        current.set(Objects.requireNonNull(initial));
    }

    public ReadOnlyObjectProperty<ScheduleEdit> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ScheduleEdit current() {
        return current.get();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** A new curve as one undo step (a preset, a file). */
    public void replace(ScheduleEdit next) {
        endDrag();
        commit(next);
    }

    /**
     * Replaces the curve without an undo step: the model's learned schedule moving with training while the editor
     * follows it. Nothing to undo there; an edit made afterwards is undone back to the curve as it was then.
     */
    public void follow(ScheduleEdit next) {
        if (dragStart == null) {
            current.set(next);
        }
    }

    /** Why moving control point {@code i} to {@code beta} is refused, or null if it is allowed. */
    public String problemMoving(int i, double beta) {
        int t = current().controlStep(i);
        if (!(beta > 0 && beta < 1) || Double.isNaN(beta)) {
            return String.format(Locale.ROOT, "\u03b2_%d = %s refused: \u03b2 must lie in (0, 1)", t,
                    ScheduleFormat.beta(beta));
        }
        String p = current().withControlBeta(i, beta).problem();
        return p == null ? null : "Refused: " + p;
    }

    /** Starts a drag (the undo step covers everything until {@link #endDrag()}). */
    public void beginDrag() {
        if (dragStart == null) {
            dragStart = current();
        }
    }

    /**
     * Moves control point {@code i} (during a drag, or as a single step outside one) so that beta at its step
     * becomes {@code beta}; refused (the curve stays) if that would put any beta outside (0, 1).
     *
     * @return null, or the reason it was refused
     */
    public String moveControl(int i, double beta) {
        String p = problemMoving(i, beta);
        if (p != null) {
            return p;
        }
        ScheduleEdit next = current().withControlBeta(i, beta);
        if (dragStart != null) {
            current.set(next);
        } else {
            commit(next);
        }
        return null;
    }

    /** Ends the drag: one undo step if the curve changed. */
    public void endDrag() {
        if (dragStart != null) {
            ScheduleEdit start = dragStart;
            dragStart = null;
            if (!start.equals(current())) {
                undo.push(start);
                redo.clear();
                updateFlags();
            }
        }
    }

    public boolean dragging() {
        return dragStart != null;
    }

    /** Why beta_1 = value is refused (null if allowed). */
    public static String problemBeta1(double value) {
        if (!(value > 0 && value < MAX_BETA1)) {
            return "\u03b2\u2081 must lie in (0, 0.5): it is the fixed first step the trainer keeps";
        }
        return null;
    }

    /** Sets beta_1 as one undo step; returns the reason if refused. */
    public String setBeta1(double value) {
        String p = problemBeta1(value);
        if (p != null) {
            return p;
        }
        if (Double.compare(value, current().beta1()) != 0) {
            endDrag();
            commit(current().withBeta1(value));
        }
        return null;
    }

    public void undo() {
        endDrag();
        if (!undo.isEmpty()) {
            redo.push(current());
            current.set(undo.pop());
            updateFlags();
        }
    }

    public void redo() {
        endDrag();
        if (!redo.isEmpty()) {
            undo.push(current());
            current.set(redo.pop());
            updateFlags();
        }
    }

    /** Forgets the history (a new run of another length: old schedules no longer fit). */
    public void reset(ScheduleEdit fresh) {
        dragStart = null;
        undo.clear();
        redo.clear();
        current.set(fresh);
        updateFlags();
    }

    private void commit(ScheduleEdit next) {
        if (next.equals(current())) {
            return;
        }
        undo.push(current());
        redo.clear();
        current.set(next);
        updateFlags();
    }

    private void updateFlags() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }
}
