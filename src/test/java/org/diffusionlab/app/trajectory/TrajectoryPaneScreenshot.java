package org.diffusionlab.app.trajectory;

import java.util.concurrent.TimeUnit;

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
 * Refreshes the screenshots of the Trajectory pane (README.md, docs/app-guide.md): the shipped example model (a
 * swiss roll trained for 20,000 iterations, see assets/models/README.md) at t = 0, T/2 and T, both processes side by
 * side, drift arrows on. Not part of the normal test run (tag "screenshot"); run it with
 * {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=TrajectoryPaneScreenshot}.
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class TrajectoryPaneScreenshot {

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
    void exampleModelAtZeroHalfAndFullT(FxRobot robot) throws Exception {
        robot.interact(window::openExample);
        TrajectoryViewModel vm = window.trajectoryView().viewModel();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.framesProperty().get() != null
                && vm.framesProperty().get().iteration() > 0);
        robot.interact(() -> vm.driftProperty().set(true));
        int steps = vm.stepsProperty().get();
        for (int t : new int[] {0, steps / 2, steps}) {
            robot.interact(() -> {
                vm.tProperty().set(t);
                window.trajectoryView().redrawNow();
            });
            WaitForAsyncUtils.waitForFxEvents();
            AppScreenshots.writeNonEmpty(window.root().getScene(), "trajectory-t" + t + ".png");
        }
        robot.interact(() -> {
            vm.heatProperty().set(true);
            vm.driftProperty().set(false);
            vm.directionProperty().set(Direction.REVERSE);
            vm.tProperty().set(steps / 4);
            window.trajectoryView().redrawNow();
        });
        WaitForAsyncUtils.waitForFxEvents();
        AppScreenshots.write(window.root().getScene(), "trajectory-heat.png");

        // drawing mode with a heart drawn as one stroke and a few clicked points
        robot.interact(() -> {
            vm.heatProperty().set(false);
            vm.drawingProperty().set(true);
            Drawing d = vm.drawing();
            for (int i = 0; i <= 200; i++) {
                double a = 2 * Math.PI * i / 200;
                double x = 0.11 * 16 * Math.pow(Math.sin(a), 3);
                double y = 0.11 * (13 * Math.cos(a) - 5 * Math.cos(2 * a) - 2 * Math.cos(3 * a) - Math.cos(4 * a));
                if (i == 0) {
                    d.begin(x, y);
                } else {
                    d.extend(x, y);
                }
            }
            for (double[] p : new double[][] {{-0.4, 0.5}, {0.4, 0.5}, {0, -0.2}}) {
                d.begin(p[0], p[1]);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        AppScreenshots.write(window.root().getScene(), "trajectory-draw.png");
    }
}
