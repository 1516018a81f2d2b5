package org.diffusionlab.app.schedule;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.geom.Point2D;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
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
 * Refreshes the screenshots of the Schedule pane (docs/app-guide.md): the default run trained for a while (learned
 * beta), then, mid-drag, one control point pulled down, with the forward preview and the bound bars under the edited
 * schedule; and a refused drag in the dark theme.
 * Not part of the normal test run (tag "screenshot"); run it with
 * {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=SchedulePaneScreenshot}
 * (-Dscreenshot.seconds=N trains for N seconds instead of 40).
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class SchedulePaneScreenshot {

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
    void trainThenDragAPointAndTakeAPicture(FxRobot robot) throws Exception {
        AppScreenshots.trainThenPause(robot, AppScreenshots.trainingSeconds(40));
        robot.interact(() -> Tabs.select(robot, "tab-schedule"));
        ScheduleView view = app.window().scheduleView();
        ScheduleViewModel vm = view.viewModel();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.boundsProperty().get() != null && !vm.isBusy());
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);

        // Pull the control point at t ~ T/4 down by a factor of about five, and hold it there.
        ScheduleChart chart = view.betaChart();
        int i = 2;
        Point2D at = chart.controlPosition(i);
        assertNotNull(at, "the chart has been drawn");
        var canvas = chart.viewer().getCanvas();
        javafx.geometry.Point2D screen = canvas.localToScreen(at.getX(), at.getY());
        robot.moveTo(screen);
        robot.press(MouseButton.PRIMARY);
        robot.moveBy(0, 30);
        robot.moveBy(0, 40);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.isBusy()
                && vm.boundsProperty().get().edited().schedule().equals(vm.editor().current().schedule()));
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(view::flushCharts);
        WaitForAsyncUtils.waitForFxEvents();
        Path png = AppScreenshots.write(canvas.getScene(), "schedule-pane.png");
        robot.release(MouseButton.PRIMARY);
        AppScreenshots.assertNotEmpty(png);

        // A refused drag in the dark theme: the point pulled above beta = 1 (the log axis's top edge).
        AppScreenshots.fireMenuItem(robot, "menu-theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(view::flushCharts);
        int j = chart.controlCount() - 3;
        Point2D p = chart.controlPosition(j);
        robot.moveTo(canvas.localToScreen(p.getX(), p.getY()));
        robot.press(MouseButton.PRIMARY);
        javafx.geometry.Point2D scene = canvas.localToScene(p.getX(), 4);
        javafx.geometry.Point2D end = canvas.localToScreen(p.getX(), 4);
        robot.interact(() -> javafx.event.Event.fireEvent(canvas, new javafx.scene.input.MouseEvent(
                javafx.scene.input.MouseEvent.MOUSE_DRAGGED, scene.getX(), scene.getY(), end.getX(), end.getY(),
                MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, false, false, false, null)));
        robot.interact(view::flushCharts);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(chart.refusalText(), "the drag was refused");
        Path dark = AppScreenshots.write(canvas.getScene(), "schedule-pane-refused-dark.png");
        robot.release(MouseButton.PRIMARY);
        AppScreenshots.assertNotEmpty(dark);
    }
}
