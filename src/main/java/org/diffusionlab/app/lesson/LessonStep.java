package org.diffusionlab.app.lesson;

import java.util.List;
import java.util.Map;

/**
 * One step of a lesson: how it sets up the app (pane, model, settings, hidden and highlighted controls), what it
 * shows (text, an optional LaTeX equation), what it asks (a task), and what must hold before the student goes on (a
 * live check, a question answered correctly, both, or neither). Optional parts are null or empty.
 *
 * @param line the line of the step in its file (1-based), for messages
 */
public record LessonStep(int line, String title, String pane, String model, Map<String, String> settings,
                         List<String> hide, List<String> highlight, String text, String equation, String task,
                         CheckSpec check, Question question) {

    public LessonStep {
        settings = Map.copyOf(settings);
        hide = List.copyOf(hide);
        highlight = List.copyOf(highlight);
    }

    /** A named condition on the live state, with its number if the check takes one. */
    public record CheckSpec(String name, Double argument) {
    }

    /** A predict-then-reveal question: every choice says why it is right or wrong. */
    public record Question(String prompt, List<Choice> choices) {

        public Question {
            choices = List.copyOf(choices);
        }
    }

    public record Choice(String text, boolean correct, String why) {
    }
}
