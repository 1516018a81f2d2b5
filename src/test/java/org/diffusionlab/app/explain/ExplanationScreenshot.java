package org.diffusionlab.app.explain;

import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.testutil.AppScreenshots;
import org.diffusionlab.app.testutil.Tabs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Refreshes the README's pictures of the explanation drawers: each pane of the shipped example models at 1366x768,
 * with one equation term pointed at so its chart element shows linked. Not part of the normal run (tag
 * "screenshot"): {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=ExplanationScreenshot}.
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class ExplanationScreenshot {

    private final AppScreenshots app = new AppScreenshots();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void everyPaneWithItsDrawer(FxRobot robot) throws Exception {
        MainWindow w = app.window();
        AppScreenshots.startWhenReady(robot);
        robot.interact(() -> {
            stage.setWidth(1366);
            stage.setHeight(768);
        });
        AppScreenshots.fireMenuItem(robot, "menu-open-example");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> w.trainViewModel().snapshotProperty().get() != null
                && w.trainViewModel().snapshotProperty().get().iteration() > 0);
        // the figures card fills in once the background evaluation has run
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !w.trainViewModel().analysis().logLikelihoods().isEmpty());

        shoot(robot, "tab-train", w.trainView().explanation(), PlotElement.KL_TERMS, "explain-train.png");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> w.trajectoryView().viewModel().framesProperty().get() != null
                && w.trajectoryView().viewModel().framesProperty().get().iteration() > 0);
        robot.interact(() -> w.trajectoryView().viewModel().tProperty().set(3));
        shoot(robot, "tab-trajectory", w.trajectoryView().explanation(), PlotElement.DRIFT, "explain-trajectory.png");
        shoot(robot, "tab-schedule", w.scheduleView().explanation(), PlotElement.BETA, "explain-schedule.png");
        shoot(robot, "tab-inpaint", w.inpaintView().explanation(), PlotElement.CONDITION, "explain-inpaint.png");

        AppScreenshots.fireMenuItem(robot, "menu-open-example-heartbeat");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> w.binaryTrainViewModel().snapshotProperty().get() != null);
        shoot(robot, "tab-train", w.binaryTrainView().explanation(), PlotElement.CEILING, "explain-heartbeat.png");
    }

    /** Selects the pane, points at {@code element} through its first linked term (or legend row) and writes the window. */
    private void shoot(FxRobot robot, String tab, ExplanationPanel panel, PlotElement element, String name) throws Exception {
        robot.interact(() -> Tabs.select(robot, tab));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(1500);
        robot.interact(() -> panel.hub().point(element));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(800);
        AppScreenshots.writeNonEmpty(stage.getScene(), name);
        robot.interact(() -> panel.hub().point(null));
    }
}
