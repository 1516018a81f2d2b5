package org.diffusionlab.app.binary;

import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;
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
 * Refreshes the screenshots of the binary Trajectory pane (docs/app-guide.md) on the shipped heartbeat model: both
 * rasters at t = T/4, and the samples (t = 0) with two bins fixed. Not part of the normal test run (tag
 * "screenshot"); run it with
 * {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=BinaryTrajectoryPaneScreenshot}.
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class BinaryTrajectoryPaneScreenshot {

    private final BinaryPaneHarness h = new BinaryPaneHarness();

    @Start
    void start(Stage stage) {
        h.start(stage, 1280, 800);
    }

    @Stop
    void stop() {
        h.stop();
    }

    @Test
    void heartbeatMidWayAndWithFixedBins(FxRobot robot) throws Exception {
        h.loadShipped(robot);
        int steps = h.vm.stepsProperty().get();
        robot.interact(() -> {
            h.vm.tProperty().set(steps / 4);
            h.view.redrawNow();
        });
        WaitForAsyncUtils.waitForFxEvents();
        AppScreenshots.writeNonEmpty(h.view.getScene(), "trajectory-heartbeat.png");

        robot.interact(() -> {
            h.vm.setBin(2, 1);
            h.vm.setBin(9, 0);
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> h.vm.framesProperty().get().isFixed(9)
                && !h.vm.computingProperty().get());
        robot.interact(() -> {
            h.vm.tProperty().set(0);
            h.view.redrawNow();
        });
        WaitForAsyncUtils.waitForFxEvents();
        AppScreenshots.write(h.view.getScene(), "trajectory-heartbeat-fixed.png");
    }
}
