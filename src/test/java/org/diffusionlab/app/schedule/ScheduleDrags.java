package org.diffusionlab.app.schedule;

import java.awt.geom.Point2D;
import javafx.scene.input.MouseButton;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drags a control point of the Schedule pane's beta curve with the mouse, for tests outside this package. */
public final class ScheduleDrags {

    private ScheduleDrags() {
    }

    /** Presses on control point i, moves the mouse dy pixels in two steps and releases. */
    public static void drag(FxRobot robot, ScheduleView view, int i, double dy) {
        Point2D at = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> view.betaChart().controlPosition(i)));
        if (at == null) {
            throw new AssertionError("the beta chart has not been drawn");
        }
        var canvas = view.betaChart().viewer().getCanvas();
        robot.moveTo(canvas.localToScreen(at.getX(), at.getY()));
        robot.press(MouseButton.PRIMARY);
        robot.moveBy(0, dy / 2);
        robot.moveBy(0, dy / 2);
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
