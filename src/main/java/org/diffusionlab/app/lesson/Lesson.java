package org.diffusionlab.app.lesson;

import java.util.List;

/**
 * A lesson read from a file: its title, one line saying what it teaches, and its steps in order.
 *
 * @param source where it came from (a file name), for messages
 */
public record Lesson(String source, String title, String summary, List<LessonStep> steps) {

    public Lesson {
        steps = List.copyOf(steps);
    }
}
