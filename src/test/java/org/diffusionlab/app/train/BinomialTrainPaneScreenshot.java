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
 * Refreshes the screenshots of the heartbeat Train pane (docs/app-guide.md): a fresh run of the default heartbeat
 * settings trained for a minute (-Dscreenshot.seconds=N for N seconds), and the shipped model with its whole
 * training curve (opened first). Not part of the normal test run (tag "screenshot"); run it with
 * {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=BinomialTrainPaneScreenshot}.
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class BinomialTrainPaneScreenshot {

    private final AppScreenshots app = new AppScreenshots();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void theShippedModelAndAFreshRun(FxRobot robot) throws Exception {
        robot.interact(window::openExampleHeartbeat);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.binaryTrainViewModel().snapshotProperty().get() != null
                && window.binaryTrainViewModel().snapshotProperty().get().iteration() > 30_000);
        robot.interact(() -> window.selectTab("tab-train"));
        Thread.sleep(500);
        robot.interact(() -> window.binaryTrainView().flushRedraws());
        WaitForAsyncUtils.waitForFxEvents();
        AppScreenshots.writeNonEmpty(window.root().getScene(), "train-heartbeat-shipped.png");

        window.binaryTrainView().setConfirmation(q -> true);
        robot.interact(() -> window.binaryTrainView().askAndReset());
        Button start = robot.lookup("#binary-train-view #start").queryButton();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !start.isDisabled()
                && window.binaryTrainViewModel().snapshotProperty().get().iteration() == 0);
        AppScreenshots.trainFor(robot, start, "#binary-train-view #pause", AppScreenshots.trainingSeconds(60));
        robot.interact(() -> window.binaryTrainView().flushRedraws());
        WaitForAsyncUtils.waitForFxEvents();
        AppScreenshots.write(window.root().getScene(), "train-heartbeat.png");
    }
}
