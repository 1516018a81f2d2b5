package org.diffusionlab.app.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.testutil.LayoutCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every pane in the whole window at 1024x700, 1280x720 and 1366x768: each button, field, slider and chart lies in the
 * window or can be scrolled into view, and no label is cut off (see {@link LayoutCheck}), with the pane's explanation
 * drawer open beside it as a new window shows it. The pictures it takes are in target/layout/.
 */
@ExtendWith(ApplicationExtension.class)
class PaneLayoutTest {

    /** Something to do to a freshly shown window before it is checked: show the pane and wait for its content. */
    private interface Preparation {
        Node showPane(FxRobot robot, MainWindow window) throws Exception;
    }

    private static void assertFitsEverySize(FxRobot robot, String name, Preparation prepare) throws Exception {
        List<String> problems = new ArrayList<>();
        for (double[] size : LayoutCheck.WINDOW_SIZES) {
            LayoutCheck.Shown shown = LayoutCheck.show(robot, size[0], size[1]);
            try {
                Node pane = prepare.showPane(robot, shown.window());
                problems.addAll(LayoutCheck.check(shown, pane, name));
            } finally {
                shown.close(robot);
            }
        }
        assertEquals(List.of(), problems, name + " at the small window sizes");
    }

    private static void showPointsRun(FxRobot robot, MainWindow window, String tab) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.trainViewModel().snapshotProperty().get() != null);
        robot.interact(() -> window.selectTab(tab));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void showHeartbeat(FxRobot robot, MainWindow window, String tab) throws Exception {
        robot.interact(() -> {
            window.setExperiment(MainWindow.Experiment.HEARTBEAT);
            window.selectTab(tab);
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> window.binaryTrainViewModel().snapshotProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void trainPaneFits(FxRobot robot) throws Exception {
        assertFitsEverySize(robot, "train", (r, w) -> {
            showPointsRun(r, w, "tab-train");
            return w.trainView();
        });
    }

    @Test
    void heartbeatTrainPaneFits(FxRobot robot) throws Exception {
        assertFitsEverySize(robot, "train-heartbeat", (r, w) -> {
            showHeartbeat(r, w, "tab-train");
            return w.binaryTrainView();
        });
    }

    @Test
    void trajectoryPaneFits(FxRobot robot) throws Exception {
        assertFitsEverySize(robot, "trajectory", (r, w) -> {
            showPointsRun(r, w, "tab-trajectory");
            var vm = w.trajectoryView().viewModel();
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.framesProperty().get() != null);
            return w.trajectoryView();
        });
    }

    @Test
    void heartbeatTrajectoryPaneFits(FxRobot robot) throws Exception {
        assertFitsEverySize(robot, "trajectory-heartbeat", (r, w) -> {
            showHeartbeat(r, w, "tab-trajectory");
            var vm = w.binaryTrajectoryView().viewModel();
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.framesProperty().get() != null);
            return w.binaryTrajectoryView();
        });
    }

    @Test
    void schedulePaneFits(FxRobot robot) throws Exception {
        assertFitsEverySize(robot, "schedule", (r, w) -> {
            showPointsRun(r, w, "tab-schedule");
            var vm = w.scheduleView().viewModel();
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.boundsProperty().get() != null
                    && vm.bestKernelProperty().get() != null && !vm.isBusy());
            return w.scheduleView();
        });
    }

    @Test
    void inpaintPaneFits(FxRobot robot) throws Exception {
        assertFitsEverySize(robot, "inpaint", (r, w) -> {
            r.interact(() -> w.selectTab("tab-inpaint"));
            var vm = w.inpaintView().viewModel();
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.loadingProperty().get()
                    && vm.imageProperty().get() != null && vm.scaleProperty().get() != null);
            WaitForAsyncUtils.waitForFxEvents();
            return w.inpaintView();
        });
    }
}
