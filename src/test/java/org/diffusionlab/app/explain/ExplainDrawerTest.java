package org.diffusionlab.app.explain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.prefs.Preferences;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.diffusionlab.app.AppPreferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The drawer opens the first time, closes on its strip, and a new drawer on the same preferences stays closed. */
@ExtendWith(ApplicationExtension.class)
class ExplainDrawerTest {

    private final Preferences prefs = AppPreferences.forNewWindow();
    private ExplainDrawer drawer;
    private StackPane root;

    @Start
    void start(Stage stage) {
        assertTrue(prefs instanceof AppPreferences.InMemory, "tests must not touch the user's preferences");
        root = new StackPane();
        drawer = newDrawer();
        root.getChildren().add(drawer);
        stage.setScene(new Scene(root, 900, 500));
        stage.show();
    }

    private ExplainDrawer newDrawer() {
        ExplanationPanel panel = new ExplanationPanel("Test pane", new HighlightHub());
        panel.paragraph("What the test pane shows.");
        return new ExplainDrawer("test", new Label("the pane"), panel, prefs);
    }

    @Test
    void closedIsRememberedOpenIsTheDefault(FxRobot robot) {
        assertTrue(drawer.openProperty().get(), "open on first start");
        assertNotNull(robot.lookup("#explain-test").tryQuery().orElse(null));
        robot.clickOn("#explain-toggle-test");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(drawer.openProperty().get());
        assertNull(robot.lookup("#explain-test").tryQuery().orElse(null), "the panel leaves the window when closed");

        ExplainDrawer[] next = new ExplainDrawer[1];
        robot.interact(() -> {
            next[0] = newDrawer();
            root.getChildren().setAll(next[0]);
        });
        assertFalse(next[0].openProperty().get(), "a new start remembers the drawer closed");
        robot.clickOn("#explain-toggle-test");
        assertTrue(next[0].openProperty().get());
    }
}
