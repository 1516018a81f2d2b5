package org.diffusionlab.app.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * docs/lessons.md stays true: it names every pane, model, setting and check the registries have, its full example
 * is a valid lesson, and every shipped lesson reads and asks the student something (the control ids of the shipped
 * lessons are checked against the real window in LessonWalkTest).
 */
class LessonDocsTest {

    private static final Path DOCS = Path.of("docs", "lessons.md");

    @Test
    void theDocsNameEveryPaneModelSettingAndCheck() throws Exception {
        String docs = Files.readString(DOCS);
        LessonVocabulary.PANES.keySet().forEach(p -> assertTrue(docs.contains("`" + p + "`"), p));
        LessonVocabulary.MODELS.keySet().forEach(m -> assertTrue(docs.contains("`" + m + "`"), m));
        Settings.all().forEach(s -> assertTrue(docs.contains("`" + s.name() + "`"), s.name()));
        for (Checks.Definition c : Checks.all()) {
            String named = c.takesNumber() ? c.name().substring(0, c.name().lastIndexOf('.')) : c.name();
            assertTrue(docs.contains("`" + named + "`"), named);
        }
    }

    @Test
    void theDocsFullExampleIsAValidLesson() throws Exception {
        String docs = Files.readString(DOCS);
        int at = docs.indexOf("## A full example");
        int start = docs.indexOf("```yaml\n", at) + "```yaml\n".length();
        String example = docs.substring(start, docs.indexOf("```", start));
        FakeLessonHost host = new FakeLessonHost();
        host.anyControl = true;
        Lesson l = LessonFile.parse("example", example, host);
        assertEquals(3, l.steps().size());
    }

    @Test
    void everyShippedLessonReadsAndAsksSomething() throws Exception {
        assertEquals(7, ShippedLessons.resources().size());
        FakeLessonHost host = new FakeLessonHost();
        host.anyControl = true;
        for (String resource : ShippedLessons.resources()) {
            Lesson l = LessonFile.readResource(resource, host);
            assertTrue(l.steps().stream().anyMatch(s -> s.check() != null || s.question() != null), resource);
            for (LessonStep s : l.steps()) {
                assertTrue(s.text().length() > 20, resource + ": " + s.title());
            }
        }
    }
}
