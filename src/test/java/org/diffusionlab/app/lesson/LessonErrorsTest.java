package org.diffusionlab.app.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.FileDialogs;
import org.diffusionlab.app.MainWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** File › Open lesson with a bad lesson: the error dialog names the file, the line and step, and what is wrong. */
@ExtendWith(ApplicationExtension.class)
class LessonErrorsTest {

    private MainWindow window;
    @TempDir
    Path folder;

    @Start
    void start(Stage stage) {
        DiffusionLabApp app = new DiffusionLabApp();
        app.start(stage);
        window = app.window();
    }

    @Stop
    void stop() {
        window.dispose();
    }

    private String open(FxRobot robot, String name, String text) throws Exception {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        robot.interact(() -> window.setFileDialogs(new FileDialogs() {
            @Override
            public Path open(String title, String description, String extension) {
                return file;
            }

            @Override
            public Path save(String title, String description, String extension, String suggestedName) {
                return null;
            }
        }));
        MenuItem item = robot.lookup("#menu-bar").queryAs(MenuBar.class).getMenus().get(0).getItems().stream()
                .filter(i -> "menu-open-lesson".equals(i.getId())).findFirst().orElseThrow();
        robot.interact(item::fire);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane dialog = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        String message = dialog.getContentText();
        robot.interact(() -> dialog.getScene().getWindow().hide());
        assertNull(window.lessons().session().lessonProperty().get(), "a bad lesson does not start");
        return message;
    }

    @Test
    void aMalformedLessonSaysWhereAndWhy(FxRobot robot) throws Exception {
        String message = open(robot, "broken.yaml", """
                diffusionlab-lesson: 1
                title: Broken
                steps:
                  - title: One
                    text: fine
                  - title: Two
                    text: "an unclosed quote
                """);
        assertTrue(message.startsWith("This lesson cannot be used."), message);
        assertTrue(message.contains("broken.yaml, line "), message);
        assertTrue(message.contains("not valid YAML"), message);
    }

    @Test
    void aLessonNamingAMissingControlIsRefusedWhenLoaded(FxRobot robot) throws Exception {
        String message = open(robot, "missing.yaml", """
                diffusionlab-lesson: 1
                title: Missing
                steps:
                  - title: Hide it
                    pane: trajectory
                    hide: [show-drift, show-the-answer]
                    text: This step hides a control the app does not have.
                """);
        assertEquals("This lesson cannot be used.\n\nmissing.yaml, line 6 (step 1 \u201cHide it\u201d): no control "
                + "with the id 'show-the-answer' (docs/lessons.md lists the ids)", message);
    }

    @Test
    void aLessonNamingAMissingCheckOrModelIsRefusedToo(FxRobot robot) throws Exception {
        String message = open(robot, "check.yaml", """
                diffusionlab-lesson: 1
                title: Check
                steps:
                  - title: Train
                    model: cifar10
                    text: This step opens a model the app does not ship.
                """);
        assertTrue(message.endsWith("check.yaml, line 5 (step 1 \u201cTrain\u201d): unknown model 'cifar10' (models: "
                + "swissroll, new-swissroll, heartbeat, digits, texture, deadleaves)"), message);
    }
}
