package org.diffusionlab.app.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;

/**
 * The lesson engine and the lesson panel's view model: applies a step to the app through its {@link LessonHost}
 * (model, pane, settings, hidden and highlighted controls), watches the step's check, takes the answer to its
 * question, and lets the student go on once both are met. Leaving (or finishing) shows every control the lesson hid.
 * Lives on the JavaFX application thread.
 */
public final class LessonSession {

    /** The style class a highlighted control carries (app.css draws it). */
    public static final String HIGHLIGHT = "lesson-highlight";

    private final LessonHost host;
    private final ReadOnlyObjectWrapper<Lesson> lesson = new ReadOnlyObjectWrapper<>(this, "lesson");
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", -1);
    private final ReadOnlyObjectWrapper<LessonStep> step = new ReadOnlyObjectWrapper<>(this, "step");
    private final ReadOnlyBooleanWrapper preparing = new ReadOnlyBooleanWrapper(this, "preparing");
    private final ReadOnlyBooleanWrapper checkMet = new ReadOnlyBooleanWrapper(this, "checkMet");
    private final ReadOnlyIntegerWrapper chosen = new ReadOnlyIntegerWrapper(this, "chosen", -1);
    private final ReadOnlyBooleanWrapper answeredCorrectly = new ReadOnlyBooleanWrapper(this, "answeredCorrectly");
    private final ReadOnlyStringWrapper feedback = new ReadOnlyStringWrapper(this, "feedback", "");
    private final BooleanBinding canGoNext;
    private final BooleanBinding canGoBack;
    private final javafx.beans.binding.StringBinding status;

    /** Each hidden control and how it was laid out before the lesson touched it. */
    private final Map<Node, Shown> hidden = new LinkedHashMap<>();
    private final List<Node> highlighted = new ArrayList<>();
    private ArmedCheck armed;
    /** Counts step changes, so a model that opens after the student moved on does not set up a step left behind. */
    private long generation;

    private record Shown(boolean visible, boolean managed) {
    }

    public LessonSession(LessonHost host) {
        this.host = Objects.requireNonNull(host);
        canGoNext = Bindings.createBooleanBinding(() -> step.get() != null && !preparing.get() && checkMet.get()
                && (step.get().question() == null || answeredCorrectly.get()), step, preparing, checkMet,
                answeredCorrectly);
        canGoBack = Bindings.createBooleanBinding(() -> index.get() > 0, index);
        status = Bindings.createStringBinding(this::statusText, step, preparing, checkMet, answeredCorrectly);
    }

    /** Starts a lesson at its first step (leaving any lesson under way). */
    public void start(Lesson l) {
        leave();
        lesson.set(Objects.requireNonNull(l));
        show(0, true);
    }

    /** The next step, or the end of the lesson after the last (only once the step's check and question are met). */
    public void next() {
        if (!canGoNext.get()) {
            return;
        }
        if (index.get() + 1 >= lesson.get().steps().size()) {
            leave();
        } else {
            show(index.get() + 1, true);
        }
    }

    /** The step before, shown again without reopening its model. */
    public void back() {
        if (canGoBack.get()) {
            show(index.get() - 1, false);
        }
    }

    /** Ends the lesson: every hidden control shows again, highlights go, the check stops watching. */
    public void leave() {
        generation++;
        tearDownStep();
        lesson.set(null);
        step.set(null);
        index.set(-1);
        preparing.set(false);
    }

    /** The student picks a choice of the step's question: the feedback says why; a correct one lets them go on. */
    public void choose(int i) {
        LessonStep s = step.get();
        if (s == null || s.question() == null || i < 0 || i >= s.question().choices().size()) {
            return;
        }
        LessonStep.Choice c = s.question().choices().get(i);
        chosen.set(i);
        feedback.set((c.correct() ? "Right. " : "Not quite. ") + c.why());
        if (c.correct()) {
            answeredCorrectly.set(true);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private void show(int i, boolean openModel) {
        long g = ++generation;
        tearDownStep();
        LessonStep s = lesson.get().steps().get(i);
        index.set(i);
        chosen.set(-1);
        answeredCorrectly.set(false);
        feedback.set("");
        checkMet.set(false);
        step.set(s);
        if (openModel && s.model() != null) {
            preparing.set(true);
            host.openExample(s.model(), () -> {
                if (g == generation) {
                    preparing.set(false);
                    setUp(s, i);
                }
            });
        } else {
            setUp(s, i);
        }
    }

    /**
     * Shows the step's pane, makes its settings, hides the controls this step and the ones before it hide, highlights
     * its own, and starts watching its check.
     */
    private void setUp(LessonStep s, int i) {
        if (s.pane() != null) {
            host.showPane(s.pane());
        }
        s.settings().forEach((name, value) -> Settings.apply(host, name, value));
        List<String> hides = lesson.get().steps().subList(0, i + 1).stream().flatMap(x -> x.hide().stream()).toList();
        for (String id : hides) {
            Node n = host.control(id);
            if (n != null && !n.visibleProperty().isBound() && !n.managedProperty().isBound()) {
                hidden.putIfAbsent(n, new Shown(n.isVisible(), n.isManaged()));
                n.setVisible(false);
                n.setManaged(false);
            }
        }
        for (String id : s.highlight()) {
            Node n = host.control(id);
            if (n != null && !n.getStyleClass().contains(HIGHLIGHT)) {
                n.getStyleClass().add(HIGHLIGHT);
                highlighted.add(n);
            }
        }
        if (s.check() == null) {
            checkMet.set(true);
        } else {
            armed = Checks.arm(host, s.check());
            checkMet.bind(armed.met());
        }
    }

    private void tearDownStep() {
        checkMet.unbind();
        if (armed != null) {
            armed.disarm();
            armed = null;
        }
        hidden.forEach((n, was) -> {
            n.setVisible(was.visible());
            n.setManaged(was.managed());
        });
        hidden.clear();
        highlighted.forEach(n -> n.getStyleClass().remove(HIGHLIGHT));
        highlighted.clear();
    }

    private String statusText() {
        LessonStep s = step.get();
        if (s == null) {
            return "";
        }
        if (preparing.get()) {
            return "Opening the model\u2026";
        }
        boolean asks = s.check() != null || s.question() != null;
        if (canGoNext.get()) {
            return asks ? "\u2713 Done. Go on with Next." : "";
        }
        if (!checkMet.get()) {
            return "Waiting for you to do this\u2026";
        }
        return "Pick an answer to go on.";
    }

    // ------------------------------------------------------------------------------------------------------------
    // Properties

    /** One line under the step: opening the model, waiting for the task, pick an answer, or done. */
    public javafx.beans.binding.StringBinding statusProperty() {
        return status;
    }

    public ReadOnlyObjectProperty<Lesson> lessonProperty() {
        return lesson.getReadOnlyProperty();
    }

    /** The step shown (0-based), -1 with no lesson. */
    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LessonStep> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** The step's model is opening; the step is set up once it shows. */
    public ReadOnlyBooleanProperty preparingProperty() {
        return preparing.getReadOnlyProperty();
    }

    /** The step's check holds (true for a step without one). */
    public ReadOnlyBooleanProperty checkMetProperty() {
        return checkMet.getReadOnlyProperty();
    }

    /** The choice picked last, -1 before any. */
    public ReadOnlyIntegerProperty chosenProperty() {
        return chosen.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty answeredCorrectlyProperty() {
        return answeredCorrectly.getReadOnlyProperty();
    }

    /** Why the choice picked last is right or wrong; empty before any. */
    public ReadOnlyStringProperty feedbackProperty() {
        return feedback.getReadOnlyProperty();
    }

    public BooleanBinding canGoNextProperty() {
        return canGoNext;
    }

    public BooleanBinding canGoBackProperty() {
        return canGoBack;
    }

    public boolean isRunning() {
        return lesson.get() != null;
    }

    public boolean isLastStep() {
        return lesson.get() != null && index.get() == lesson.get().steps().size() - 1;
    }
}
