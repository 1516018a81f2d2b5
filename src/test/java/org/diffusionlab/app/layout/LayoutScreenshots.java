package org.diffusionlab.app.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.testutil.LayoutCheck;
import org.diffusionlab.app.testutil.Snapshots;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Refreshes the screenshots of every pane at 1366x768 (the most common student laptop) and of the Schedule and
 * Inpaint panes at 1024x700, in assets/screenshots/layout-PANE-WxH.png, each checked by {@link LayoutCheck} too.
 * Not part of the normal test run (tag "screenshot"); run it with
 * {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=LayoutScreenshots}.
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class LayoutScreenshots {

    private static final Path FOLDER = Path.of("assets/screenshots");

    private interface Pane {
        javafx.scene.Node show(FxRobot robot, MainWindow window) throws Exception;
    }

    private static void shoot(FxRobot robot, String name, double width, double height, Pane pane) throws Exception {
        LayoutCheck.Shown shown = LayoutCheck.show(robot, width, height);
        try {
            javafx.scene.Node node = pane.show(robot, shown.window());
            List<String> problems = LayoutCheck.check(shown, node, name);
            WaitForAsyncUtils.waitForFxEvents();
            Snapshots.write(shown.stage().getScene(), FOLDER.resolve("layout-" + name + "-" + shown.size() + ".png"));
            assertEquals(List.of(), problems, name);
        } finally {
            shown.close(robot);
        }
    }

    /** Trains the 2-D run for a few seconds and shows the tab. */
    private static javafx.scene.Node trained(FxRobot robot, MainWindow w, String tab) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> w.trainViewModel().snapshotProperty().get() != null);
        robot.interact(() -> w.trainViewModel().start());
        Thread.sleep(Long.getLong("screenshot.seconds", 15) * 1000);
        robot.interact(() -> w.trainViewModel().pause());
        robot.interact(() -> w.selectTab(tab));
        WaitForAsyncUtils.waitForFxEvents();
        return tab.equals("tab-train") ? w.trainView() : tab.equals("tab-trajectory") ? w.trajectoryView()
                : w.scheduleView();
    }

    private static javafx.scene.Node heartbeat(FxRobot robot, MainWindow w, String tab) throws Exception {
        robot.interact(() -> {
            w.setExperiment(MainWindow.Experiment.HEARTBEAT);
            w.selectTab(tab);
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> w.binaryTrainViewModel().snapshotProperty().get() != null);
        if (tab.equals("tab-trajectory")) {
            var vm = w.binaryTrajectoryView().viewModel();
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.framesProperty().get() != null);
            return w.binaryTrajectoryView();
        }
        return w.binaryTrainView();
    }

    private static javafx.scene.Node schedule(FxRobot robot, MainWindow w) throws Exception {
        trained(robot, w, "tab-schedule");
        var vm = w.scheduleView().viewModel();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.boundsProperty().get() != null
                && vm.bestKernelProperty().get() != null && !vm.isBusy());
        robot.interact(() -> w.scheduleView().flushCharts());
        return w.scheduleView();
    }

    private static javafx.scene.Node inpaint(FxRobot robot, MainWindow w) throws Exception {
        robot.interact(() -> w.selectTab("tab-inpaint"));
        var vm = w.inpaintView().viewModel();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.loadingProperty().get()
                && vm.imageProperty().get() != null && vm.scaleProperty().get() != null);
        robot.interact(() -> {
            vm.mask().centreSquare();
            vm.fourFillsProperty().set(true);
            vm.run();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.resultProperty().get() != null
                && !vm.runningProperty().get());
        robot.interact(() -> w.inpaintView().refreshNow());
        return w.inpaintView();
    }

    @Test
    void everyPaneAt1366x768(FxRobot robot) throws Exception {
        shoot(robot, "train", 1366, 768, (r, w) -> trained(r, w, "tab-train"));
        shoot(robot, "trajectory", 1366, 768, (r, w) -> {
            javafx.scene.Node n = trained(r, w, "tab-trajectory");
            var vm = w.trajectoryView().viewModel();
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.framesProperty().get() != null
                    && !vm.computingProperty().get());
            r.interact(() -> w.trajectoryView().redrawNow());
            return n;
        });
        shoot(robot, "train-heartbeat", 1366, 768, (r, w) -> heartbeat(r, w, "tab-train"));
        shoot(robot, "trajectory-heartbeat", 1366, 768, (r, w) -> heartbeat(r, w, "tab-trajectory"));
        shoot(robot, "schedule", 1366, 768, LayoutScreenshots::schedule);
        shoot(robot, "inpaint", 1366, 768, LayoutScreenshots::inpaint);
    }

    @Test
    void scheduleAndInpaintAt1024x700(FxRobot robot) throws Exception {
        shoot(robot, "schedule", 1024, 700, LayoutScreenshots::schedule);
        shoot(robot, "inpaint", 1024, 700, LayoutScreenshots::inpaint);
    }
}
