package org.diffusionlab.app.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the pane tests do to a form as a user would: scroll to a control, click it, type over a field; and wait. */
public final class FormRobot {

    private FormRobot() {
    }

    /** Scrolls the form to the control and clicks it. */
    public static void click(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        robot.interact(() -> scrollIntoView(node));
        robot.clickOn(node);
    }

    /** Scrolls the form to the field, selects its text and types over it. */
    public static void retype(FxRobot robot, String query, String text) {
        TextInputControl field = robot.lookup(query).queryTextInputControl();
        robot.interact(() -> scrollIntoView(field));
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(text, field.getText(), "typed into " + query);
    }

    /** Scrolls the nearest enclosing scroll pane so that the node is in view. */
    public static void scrollIntoView(Node node) {
        Parent p = node.getParent();
        while (p != null && !(p instanceof ScrollPane)) {
            p = p.getParent();
        }
        if (p instanceof ScrollPane sp) {
            Node content = sp.getContent();
            double y = content.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getCenterY();
            double room = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
            if (room > 0) {
                sp.setVvalue(Math.max(0, Math.min(1, (y - sp.getViewportBounds().getHeight() / 2) / room)));
            }
            sp.layout();
        }
    }

    /** Reads UI state on the FX thread. */
    public static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    public static void waitUntil(int seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }
}
