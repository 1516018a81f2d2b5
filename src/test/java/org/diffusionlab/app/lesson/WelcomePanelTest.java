package org.diffusionlab.app.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.AppPreferences;
import org.diffusionlab.app.testutil.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The first start's welcome panel: off unless the app offers it, shown once, and its tour starts lesson 1. */
@ExtendWith(ApplicationExtension.class)
class WelcomePanelTest {

    private MainWindow window;
    /** A throwaway node: never the user's real preferences. */
    private final Preferences prefs = new AppPreferences.InMemory(null, "");

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

    @Test
    void exploringOnYourOwnDismissesThePanelForGood(FxRobot robot) {
        assertTrue(robot.lookup("#welcome-panel").tryQuery().isEmpty(), "a window the launchers did not start has none");
        robot.interact(() -> window.offerWelcome(prefs));
        assertTrue(robot.lookup("#welcome-panel").tryQuery().isPresent());
        Snapshots.write(robot.lookup("#welcome-panel").query().getScene(), Path.of("target", "lessons", "welcome.png"));
        robot.clickOn("#welcome-explore");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#welcome-panel").tryQuery().isEmpty());
        assertTrue(prefs.getBoolean(FirstStart.DISMISSED, false));

        robot.interact(() -> window.offerWelcome(prefs));
        assertTrue(robot.lookup("#welcome-panel").tryQuery().isEmpty(), "not shown again once dismissed");
    }

    @Test
    void takingTheTourStartsTheFirstLesson(FxRobot robot) throws Exception {
        robot.interact(() -> window.offerWelcome(prefs));
        robot.clickOn("#welcome-tour");
        LessonSession session = window.lessons().session();
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> session.lessonProperty().get() != null
                && !session.preparingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Forward diffusion destroys structure", session.lessonProperty().get().title());
        assertTrue(robot.lookup("#lesson-panel").tryQuery().isPresent());
        assertTrue(robot.lookup("#welcome-panel").tryQuery().isEmpty());
        assertFalse(new FirstStart(prefs).welcomeWanted());
    }
}
