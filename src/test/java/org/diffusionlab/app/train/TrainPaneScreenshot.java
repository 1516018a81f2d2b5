package org.diffusionlab.app.train;

import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.testutil.AppScreenshots;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Refreshes the screenshot of the Train pane (README.md, docs/app-guide.md): the default run, trained for about a
 * minute, then paused. Not part of the normal test run (tag "screenshot"); run it with
 * {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=TrainPaneScreenshot}
 * (-Dscreenshot.seconds=N trains for N seconds instead of 60).
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class TrainPaneScreenshot {

    private final AppScreenshots app = new AppScreenshots();

    @Start
    void start(Stage stage) {
        app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void trainForAMinuteAndTakeAPicture(FxRobot robot) throws Exception {
        trainAndTakeAPicture(robot, AppScreenshots.trainingSeconds(60), "train-pane.png");
    }

    /** The same in the dark theme, after a shorter run. */
    @Test
    void darkTheme(FxRobot robot) throws Exception {
        AppScreenshots.fireMenuItem(robot, "menu-theme-dark");
        trainAndTakeAPicture(robot, Math.min(20, AppScreenshots.trainingSeconds(60)), "train-pane-dark.png");
        AppScreenshots.fireMenuItem(robot, "menu-theme-light");
    }

    private void trainAndTakeAPicture(FxRobot robot, long seconds, String name) throws Exception {
        Button start = AppScreenshots.trainThenPause(robot, seconds);
        MainWindow window = app.window();
        // let the samples of the final state and the last log-likelihood arrive
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () ->
                window.trainViewModel().analysis().samplesProperty().get() != null
                        && window.trainViewModel().analysis().samplesProperty().get().iteration()
                        == window.trainViewModel().snapshotProperty().get().iteration());
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        AppScreenshots.writeNonEmpty(start.getScene(), name);
    }
}
