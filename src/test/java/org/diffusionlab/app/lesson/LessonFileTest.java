package org.diffusionlab.app.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The lesson format: what a good file gives, and the message (file, line, step, reason) of each kind of bad one. */
class LessonFileTest {

    private final FakeLessonHost host = new FakeLessonHost("t-slider", "show-drift");

    private static final String GOOD = """
            diffusionlab-lesson: 1
            title: Forward
            summary: One line.
            steps:
              - title: First
                model: swissroll
                pane: trajectory
                settings:
                  trajectory.direction: forward
                  trajectory.t: 0
                hide: [show-drift]
                highlight: [t-slider]
                text: |
                  Some text.
                equation: 'q(x_t \\mid x_{t-1})'
                task: Drag t to 40.
                check: {trajectory.t.atLeast: 40}
              - title: Second
                text: Read this.
                check: trajectory.drift
                question:
                  prompt: Which?
                  choices:
                    - text: This one
                      correct: true
                      why: Because.
                    - text: That one
                      why: Because not.
            """;

    private static String message(String text) {
        FakeLessonHost h = new FakeLessonHost("t-slider", "show-drift");
        return assertThrows(LessonFileException.class, () -> LessonFile.parse("bad.yaml", text, h)).getMessage();
    }

    @Test
    void aGoodLessonGivesItsStepsWithEveryPart() throws Exception {
        Lesson l = LessonFile.parse("good.yaml", GOOD, host);
        assertEquals("Forward", l.title());
        assertEquals("One line.", l.summary());
        assertEquals(2, l.steps().size());
        LessonStep first = l.steps().get(0);
        assertEquals(5, first.line());
        assertEquals("swissroll", first.model());
        assertEquals("trajectory", first.pane());
        assertEquals(Map.of("trajectory.direction", "forward", "trajectory.t", "0"), first.settings());
        assertEquals(List.of("show-drift"), first.hide());
        assertEquals(List.of("t-slider"), first.highlight());
        assertEquals("Some text.", first.text());
        assertEquals("q(x_t \\mid x_{t-1})", first.equation());
        assertEquals(new LessonStep.CheckSpec("trajectory.t.atLeast", 40.0), first.check());
        assertNull(first.question());
        LessonStep second = l.steps().get(1);
        assertEquals(new LessonStep.CheckSpec("trajectory.drift", null), second.check());
        assertEquals(2, second.question().choices().size());
        assertTrue(second.question().choices().get(0).correct());
        assertFalse(second.question().choices().get(1).correct());
        assertEquals("Because not.", second.question().choices().get(1).why());
    }

    @Test
    void malformedYamlNamesTheFileAndLine() {
        String m = message("diffusionlab-lesson: 1\ntitle: [unclosed\nsteps: []\n");
        assertTrue(m.startsWith("bad.yaml, line "), m);
        assertTrue(m.contains("not valid YAML"), m);
    }

    @Test
    void theVersionMustBeOne() {
        assertEquals("bad.yaml, line 1: 'diffusionlab-lesson' is missing", message("title: x\nsteps: []\n"));
        assertEquals("bad.yaml, line 1: diffusionlab-lesson is 2, but this version of DiffusionLab reads lesson format 1",
                message("diffusionlab-lesson: 2\ntitle: x\nsteps: []\n"));
    }

    @Test
    void eachMistakeInAStepNamesItsLineStepAndReason() {
        String head = "diffusionlab-lesson: 1\ntitle: T\nsteps:\n  - title: One\n    text: x\n";
        assertEquals("bad.yaml, line 6 (step 1 \u201cOne\u201d): unknown pane 'trajectroy' (panes: train, trajectory, "
                + "schedule, inpaint)", message(head + "    pane: trajectroy\n"));
        assertEquals("bad.yaml, line 6 (step 1 \u201cOne\u201d): unknown model 'mnist' (models: swissroll, new-swissroll, "
                + "heartbeat, digits, texture, deadleaves)", message(head + "    model: mnist\n"));
        assertEquals("bad.yaml, line 6 (step 1 \u201cOne\u201d): no control with the id 'no-such-button' "
                + "(docs/lessons.md lists the ids)", message(head + "    hide: [no-such-button]\n"));
        assertEquals("bad.yaml, line 6 (step 1 \u201cOne\u201d): unknown check 'train.k.above' (docs/lessons.md lists "
                + "the checks)", message(head + "    check: {train.k.above: 1}\n"));
        assertEquals("bad.yaml, line 6 (step 1 \u201cOne\u201d): check 'trajectory.t.atLeast' needs a number, e.g. "
                + "'trajectory.t.atLeast: 10'", message(head + "    check: trajectory.t.atLeast\n"));
        assertEquals("bad.yaml, line 6 (step 1 \u201cOne\u201d): check 'trajectory.t.atLeast' needs a number, got 'lots'",
                message(head + "    check: {trajectory.t.atLeast: lots}\n"));
        assertEquals("bad.yaml, line 7 (step 1 \u201cOne\u201d): setting 'trajectory.t' takes a whole number from 0, "
                + "got '-3'", message(head + "    settings:\n      trajectory.t: -3\n"));
        assertEquals("bad.yaml, line 5 (step 1): unknown key 'titel' in a step (known: check, equation, "
                + "hide, highlight, model, pane, question, settings, task, text, title)", message(head.replace("    text: x\n", "") + "    titel: y\n    text: x\n"));
        assertTrue(message(head + "    equation: '\\nosuchmacro{x}'\n").startsWith(
                "bad.yaml, line 6 (step 1 \u201cOne\u201d): the equation does not parse: "));
        assertEquals("bad.yaml, line 9 (step 1 \u201cOne\u201d): no choice is marked 'correct: true'",
                message(head + "    question:\n      prompt: p\n      choices:\n        - {text: a, why: b}\n"
                        + "        - {text: c, why: d}\n"));
        assertEquals("bad.yaml, line 4 (step 1 \u201cOne\u201d): 'text' is missing",
                message("diffusionlab-lesson: 1\ntitle: T\nsteps:\n  - title: One\n"));
    }
}
