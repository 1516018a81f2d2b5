package org.diffusionlab.app.trajectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.testutil.AppScreenshots;
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
 * Screenshots of the covariance ellipses in the Trajectory pane: the shipped (diagonal) swiss-roll model, and a
 * full-covariance model when one is named by {@code -Ddiffusionlab.fullModel=FILE} (e.g. one trained by
 * {@code train --preset paper --covariance full}). Tag "screenshot"; run it with
 * {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=CovarianceEllipseScreenshot}.
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class CovarianceEllipseScreenshot {

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
    void ellipsesOfTheDiagonalAndTheFullKernel(FxRobot robot) throws Exception {
        shoot(robot, Path.of("assets/models/swissroll.dlab"), "trajectory-ellipses-diagonal.png");
        String full = System.getProperty("diffusionlab.fullModel");
        if (full != null && Files.isRegularFile(Path.of(full))) {
            shoot(robot, Path.of(full), "trajectory-ellipses-full.png");
        }
        String trainPane = System.getProperty("diffusionlab.trainPanePng");      // the form's Covariance choice, to look at
        if (trainPane != null) {
            robot.interact(() -> window.selectTab("tab-train"));
            WaitForAsyncUtils.waitForFxEvents();
            Snapshots.write(window.root().getScene(), Path.of(trainPane));
        }
    }

    private void shoot(FxRobot robot, Path model, String name) throws Exception {
        TrajectoryViewModel vm = window.trajectoryView().viewModel();
        TrajectoryFrames before = vm.framesProperty().get();
        robot.interact(() -> {
            window.selectTab("tab-trajectory");       // the pane computes only while it shows
            window.open(model);
        });
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> vm.framesProperty().get() != null
                && vm.framesProperty().get() != before && vm.framesProperty().get().iteration() > 0
                && !vm.computingProperty().get());
        robot.interact(() -> {
            window.selectTab("tab-trajectory");
            vm.driftProperty().set(false);
            vm.ellipsesProperty().set(true);
            vm.directionProperty().set(Direction.REVERSE);
            vm.tProperty().set(Integer.getInteger("diffusionlab.ellipseStep", 5));
            window.trajectoryView().redrawNow();
        });
        WaitForAsyncUtils.waitForFxEvents();
        AppScreenshots.writeNonEmpty(window.root().getScene(), name);
    }
}
