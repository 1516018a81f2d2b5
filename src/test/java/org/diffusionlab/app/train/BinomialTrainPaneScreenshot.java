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
 * Refreshes the README's screenshots of the heartbeat Train pane: a fresh run of the default heartbeat settings
 * trained for a minute (-Dscreenshot.seconds=N for N seconds), and the shipped model with its whole training curve (opened first).
 * Not part of the normal test run (tag "screenshot"); run it with
 * {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=BinomialTrainPaneScreenshot}.
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class BinomialTrainPaneScreenshot {

    static final Path FOLDER = Path.of("assets/screenshots");

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
    void theShippedModelAndAFreshRun(FxRobot robot) throws Exception {
        robot.interact(window::openExampleHeartbeat);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.binaryTrainViewModel().snapshotProperty().get() != null
                && window.binaryTrainViewModel().snapshotProperty().get().iteration() > 30_000);
        robot.interact(() -> window.selectTab("tab-train"));
        Thread.sleep(500);
        robot.interact(() -> window.binaryTrainView().flushRedraws());
        WaitForAsyncUtils.waitForFxEvents();
        Path png = Snapshots.write(window.root().getScene(), FOLDER.resolve("train-heartbeat-shipped.png"));
        assertTrue(png.toFile().length() > 10_000, "screenshot looks empty: " + png);

        window.binaryTrainView().setConfirmation(q -> true);
        robot.interact(() -> window.binaryTrainView().askAndReset());
        Button start = robot.lookup("#binary-train-view #start").queryButton();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !start.isDisabled()
                && window.binaryTrainViewModel().snapshotProperty().get().iteration() == 0);
        robot.clickOn(start);
        Thread.sleep(Long.getLong("screenshot.seconds", 60) * 1000);
        robot.clickOn("#binary-train-view #pause");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !start.isDisabled());
        robot.interact(() -> window.binaryTrainView().flushRedraws());
        WaitForAsyncUtils.waitForFxEvents();
        Snapshots.write(window.root().getScene(), FOLDER.resolve("train-heartbeat.png"));
    }
}
