package org.diffusionlab.app.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.testutil.Snapshots;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Refreshes the README's screenshot of the Train pane: the default run, trained for about a minute, then paused.
 * Not part of the normal test run (tag "screenshot"); run it with
 * {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=TrainPaneScreenshot}
 * (-Dscreenshot.seconds=N trains for N seconds instead of 60).
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class TrainPaneScreenshot {

    static final Path OUTPUT = Path.of("assets/screenshots/train-pane.png");

    private MainWindow window;

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
    void trainForAMinuteAndTakeAPicture(FxRobot robot) throws Exception {
        trainAndTakeAPicture(robot, Long.getLong("screenshot.seconds", 60), OUTPUT);
    }

    /** The same in the dark theme, after a shorter run. */
    @Test
    void darkTheme(FxRobot robot) throws Exception {
        robot.interact(() -> fire(robot, "menu-theme-dark"));
        trainAndTakeAPicture(robot, Math.min(20, Long.getLong("screenshot.seconds", 60)),
                OUTPUT.resolveSibling("train-pane-dark.png"));
        robot.interact(() -> fire(robot, "menu-theme-light"));
    }

    private static void fire(FxRobot robot, String id) {
        javafx.scene.control.MenuBar bar = robot.lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> id.equals(i.getId()))
                .findFirst().orElseThrow().fire();
    }

    private void trainAndTakeAPicture(FxRobot robot, long seconds, Path output) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !start.isDisabled());
        robot.clickOn(start);
        Thread.sleep(seconds * 1000);
        robot.clickOn("#pause");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !start.isDisabled());
        // let the samples of the final state and the last log-likelihood arrive
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () ->
                window.trainViewModel().analysis().samplesProperty().get() != null
                        && window.trainViewModel().analysis().samplesProperty().get().iteration()
                        == window.trainViewModel().snapshotProperty().get().iteration());
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        Path png = Snapshots.write(start.getScene(), output);
        assertTrue(png.toFile().length() > 10_000, "screenshot looks empty: " + png);
    }
}
