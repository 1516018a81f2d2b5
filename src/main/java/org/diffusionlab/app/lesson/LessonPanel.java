package org.diffusionlab.app.lesson;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The lesson panel beside the panes: the lesson's title, the step's text, equation and task, its question's choices
 * with their feedback, and Back, Next (Finish on the last step) and Leave lesson. Only lays out and binds to a
 * {@link LessonSession}.
 */
public final class LessonPanel extends BorderPane {

    public static final double WIDTH = 300;

    private final LessonSession session;
    private final VBox body = new VBox();
    /** The choices of the question shown, to mark the one picked. */
    private final java.util.List<Button> choices = new java.util.ArrayList<>();

    public LessonPanel(LessonSession session) {
        this.session = session;
        setId("lesson-panel");
        getStyleClass().add("lesson-panel");
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);

        Label lessonTitle = new Label();
        lessonTitle.setId("lesson-title");
        lessonTitle.getStyleClass().add("lesson-title");
        lessonTitle.setWrapText(true);
        lessonTitle.textProperty().bind(session.lessonProperty().map(Lesson::title).orElse(""));
        Label count = new Label();
        count.setId("lesson-step-count");
        count.getStyleClass().add("lesson-step-count");
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> session.lessonProperty()
                .get() == null ? "" : "Step " + (session.indexProperty().get() + 1) + " of "
                + session.lessonProperty().get().steps().size(), session.lessonProperty(), session.indexProperty()));
        VBox header = new VBox(lessonTitle, count);
        header.getStyleClass().add("lesson-header");
        setTop(header);

        body.getStyleClass().add("lesson-body");
        body.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setId("lesson-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setCenter(scroll);

        Button back = new Button("Back");
        back.setId("lesson-back");
        back.disableProperty().bind(session.canGoBackProperty().not());
        back.setOnAction(e -> session.back());
        Button next = new Button();
        next.setId("lesson-next");
        next.getStyleClass().add("accent");
        next.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> session.isLastStep() ? "Finish" : "Next", session.indexProperty(), session.lessonProperty()));
        next.disableProperty().bind(session.canGoNextProperty().not());
        next.setOnAction(e -> session.next());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button leave = new Button("Leave lesson");
        leave.setId("lesson-leave");
        leave.setOnAction(e -> session.leave());
        HBox buttons = new HBox(back, next, gap, leave);
        buttons.getStyleClass().add("lesson-buttons");
        buttons.setAlignment(Pos.CENTER_LEFT);
        setBottom(buttons);

        session.stepProperty().addListener((o, a, s) -> showStep(s));
        session.chosenProperty().addListener((o, a, now) -> markChosen(now.intValue()));
        showStep(session.stepProperty().get());
    }

    /** Lays out a step: its title, text, equation, task, status line and question. */
    private void showStep(LessonStep s) {
        body.getChildren().clear();
        choices.clear();
        if (s == null) {
            return;
        }
        Label title = wrapped("lesson-step-title", s.title());
        body.getChildren().add(title);
        body.getChildren().add(wrapped("lesson-text", s.text()));
        if (s.equation() != null) {
            var eq = Equations.render(s.equation());
            eq.setId("lesson-equation");
            eq.getStyleClass().add("lesson-equation");
            body.getChildren().add(eq);
        }
        if (s.task() != null) {
            body.getChildren().add(wrapped("lesson-task", s.task()));
        }
        if (s.question() != null) {
            VBox q = new VBox();
            q.setId("lesson-question");
            q.getStyleClass().add("lesson-question");
            q.getChildren().add(wrapped("lesson-prompt", s.question().prompt()));
            for (int i = 0; i < s.question().choices().size(); i++) {
                int choice = i;
                Button b = new Button(s.question().choices().get(i).text());
                b.setId("lesson-choice-" + i);
                b.getStyleClass().add("lesson-choice");
                b.setWrapText(true);
                b.setMaxWidth(Double.MAX_VALUE);
                b.setOnAction(e -> session.choose(choice));
                choices.add(b);
                q.getChildren().add(b);
            }
            Label feedback = wrapped("lesson-feedback", "");
            feedback.textProperty().bind(session.feedbackProperty());
            feedback.visibleProperty().bind(session.feedbackProperty().isNotEmpty());
            feedback.managedProperty().bind(feedback.visibleProperty());
            q.getChildren().add(feedback);
            body.getChildren().add(q);
        }
        Label status = wrapped("lesson-status", "");
        status.textProperty().bind(session.statusProperty());
        body.getChildren().add(status);
    }

    private void markChosen(int picked) {
        LessonStep s = session.stepProperty().get();
        for (int i = 0; i < choices.size(); i++) {
            Button b = choices.get(i);
            b.getStyleClass().removeAll("lesson-choice-right", "lesson-choice-wrong");
            if (i == picked && s != null && s.question() != null) {
                b.getStyleClass().add(s.question().choices().get(i).correct() ? "lesson-choice-right"
                        : "lesson-choice-wrong");
            }
        }
    }

    private static Label wrapped(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add(id);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
