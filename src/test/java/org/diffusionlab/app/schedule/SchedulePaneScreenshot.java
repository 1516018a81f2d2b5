package org.diffusionlab.app.schedule;

import org.diffusionlab.app.testutil.Tabs;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;


import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.input.MouseButton;
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
 * Refreshes the README's screenshot of the Schedule pane: the default run trained for a while (learned beta), then,
 * mid-drag, one control point pulled down, with the forward preview and the bound bars under the edited schedule.
 * Not part of the normal test run (tag "screenshot"); run it with
 * {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=SchedulePaneScreenshot}
 * (-Dscreenshot.seconds=N trains for N seconds instead of 40).
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class SchedulePaneScreenshot {

    static final Path OUTPUT = Path.of("assets/screenshots/schedule-pane.png");

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
    void trainThenDragAPointAndTakeAPicture(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !start.isDisabled());
        robot.clickOn(start);
        Thread.sleep(Long.getLong("screenshot.seconds", 40) * 1000);
        robot.clickOn("#pause");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !start.isDisabled());
        robot.interact(() -> Tabs.select(robot, "tab-schedule"));
        ScheduleView view = window.scheduleView();
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
        Path png = Snapshots.write(canvas.getScene(), OUTPUT);
        robot.release(MouseButton.PRIMARY);
        assertTrue(png.toFile().length() > 10_000, "screenshot looks empty: " + png);

        // A refused drag in the dark theme: the point pulled above beta = 1 (the log axis's top edge).
        robot.interact(() -> {
            javafx.scene.control.MenuBar bar = robot.lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class);
            bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                    .filter(item -> "menu-theme-dark".equals(item.getId())).findFirst().orElseThrow().fire();
        });
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
        Path dark = Snapshots.write(canvas.getScene(), OUTPUT.resolveSibling("schedule-pane-refused-dark.png"));
        robot.release(MouseButton.PRIMARY);
        assertTrue(dark.toFile().length() > 10_000, "screenshot looks empty: " + dark);
    }
}
