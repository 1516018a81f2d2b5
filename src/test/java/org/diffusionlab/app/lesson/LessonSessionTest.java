package org.diffusionlab.app.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The lesson engine with a fake host: set-up, checks and questions that gate Next, Back, and Leave restoring. */
class LessonSessionTest {

    private static final String LESSON = """
            diffusionlab-lesson: 1
            title: L
            steps:
              - title: Move t
                model: swissroll
                pane: trajectory
                hide: [show-drift, t-slider]
                highlight: [play]
                text: x
                check: trajectory.drift
              - title: Answer
                pane: train
                hide: [play]
                text: y
                question:
                  prompt: p
                  choices:
                    - {text: wrong, why: no}
                    - {text: right, correct: true, why: yes}
              - title: Drift
                text: z
                check: trajectory.heat
            """;

    private final FakeLessonHost host = new FakeLessonHost("show-drift", "t-slider", "play");
    private final LessonSession session = new LessonSession(host);

    private Lesson lesson() throws LessonFileException {
        return LessonFile.parse("l.yaml", LESSON, host);
    }

    @Test
    void aStepOpensItsModelThenShowsItsPaneAndHidesItsControlsUntilLeft() throws Exception {
        host.holdModels = true;
        session.start(lesson());
        assertTrue(session.preparingProperty().get(), "the model is opening");
        assertEquals(List.of("swissroll"), host.models);
        assertEquals(List.of(), host.panes, "the pane shows once the model is open");
        host.heldModels.get(0).run();
        assertFalse(session.preparingProperty().get());
        assertEquals(List.of("trajectory"), host.panes);
        assertFalse(host.controls.get("show-drift").isVisible());
        assertFalse(host.controls.get("show-drift").isManaged());
        assertTrue(host.controls.get("play").getStyleClass().contains(LessonSession.HIGHLIGHT));

        session.leave();
        assertTrue(host.controls.get("show-drift").isVisible(), "leaving shows every hidden control again");
        assertTrue(host.controls.get("t-slider").isManaged());
        assertFalse(host.controls.get("play").getStyleClass().contains(LessonSession.HIGHLIGHT));
        assertNull(session.lessonProperty().get());
    }

    @Test
    void theCheckAndTheQuestionGateNextAndFinishingRestoresEverything() throws Exception {
        host.trajectory().driftProperty().set(false);
        host.trajectory().heatProperty().set(false);
        session.start(lesson());
        assertFalse(session.canGoNextProperty().get(), "the drift arrows are off");
        session.next();
        assertEquals(0, session.indexProperty().get(), "Next does nothing before the check holds");
        host.trajectory().driftProperty().set(true);
        assertTrue(session.canGoNextProperty().get());
        session.next();

        assertEquals(1, session.indexProperty().get());
        assertFalse(host.controls.get("show-drift").isVisible(), "what a step hides stays hidden in the steps after it");
        assertFalse(host.controls.get("play").isVisible(), "the second step hides its own too");
        assertFalse(session.canGoNextProperty().get(), "the question is not answered");
        session.choose(0);
        assertEquals("Not quite. no", session.feedbackProperty().get());
        assertFalse(session.canGoNextProperty().get());
        session.choose(1);
        assertEquals("Right. yes", session.feedbackProperty().get());
        assertTrue(session.canGoNextProperty().get());

        session.back();
        assertEquals(0, session.indexProperty().get());
        assertEquals(List.of("swissroll"), host.models, "Back does not reopen the model");
        assertTrue(host.controls.get("play").isVisible(), "back on the first step, only its own controls are hidden");
        assertFalse(host.controls.get("show-drift").isVisible());
        assertTrue(session.canGoNextProperty().get(), "the arrows are still on");
        session.next();
        session.choose(1);
        session.next();

        assertEquals(2, session.indexProperty().get());
        assertTrue(session.isLastStep());
        assertFalse(session.canGoNextProperty().get());
        host.trajectory().heatProperty().set(true);
        assertTrue(session.canGoNextProperty().get());
        session.next();
        assertNull(session.lessonProperty().get(), "Next on the last step finishes the lesson");
        assertTrue(host.controls.get("play").isVisible());
    }

    @Test
    void aModelThatOpensAfterTheStudentLeftSetsNothingUp() throws Exception {
        host.holdModels = true;
        session.start(lesson());
        session.leave();
        host.heldModels.get(0).run();
        assertEquals(List.of(), host.panes);
        assertTrue(host.controls.get("show-drift").isVisible());
    }

}
