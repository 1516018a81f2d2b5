package org.diffusionlab.app.binary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;
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
 * Refreshes the README's screenshots of the binary Trajectory pane on the shipped heartbeat model: both rasters at
 * t = T/4, and the samples (t = 0) with two bins fixed. Not part of the normal test run (tag "screenshot"); run it
 * with {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=BinaryTrajectoryPaneScreenshot}.
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class BinaryTrajectoryPaneScreenshot {

    static final Path FOLDER = Path.of("assets/screenshots");

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
        Path png = Snapshots.write(h.view.getScene(), FOLDER.resolve("trajectory-heartbeat.png"));
        assertTrue(png.toFile().length() > 10_000, "screenshot looks empty: " + png);

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
        Snapshots.write(h.view.getScene(), FOLDER.resolve("trajectory-heartbeat-fixed.png"));
    }
}
