package org.diffusionlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window remembers its size, position, theme and pane between starts (in a throwaway preferences node, never
 * the user's), and F1 lists the shortcuts as a table.
 */
@ExtendWith(ApplicationExtension.class)
class RememberedWindowTest {

    /** A throwaway preferences node: the user's own are never read or written. */
    private final java.util.prefs.Preferences store = new AppPreferences.InMemory(null, "");

    /** Starts the app in a new stage on the test's preferences. */
    private DiffusionLabApp[] startApp(FxRobot robot, Stage[] stage) {
        DiffusionLabApp[] app = new DiffusionLabApp[1];
        robot.interact(() -> {
            stage[0] = new Stage();
            app[0] = new DiffusionLabApp(store);
            app[0].start(stage[0]);
        });
        return app;
    }

    private static void close(FxRobot robot, DiffusionLabApp app, Stage stage) {
        robot.interact(() -> {
            stage.hide();           // as the window's close button does (after its save question)
            app.stop();
        });
    }

    private static RadioMenuItem themeItem(FxRobot robot, Stage stage, String id) {
        MenuBar bar = robot.from(stage.getScene().getRoot()).lookup("#menu-bar").queryAs(MenuBar.class);
        return (RadioMenuItem) bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    @Test
    void sizePositionThemeAndPaneAreThereAgainAtTheNextStart(FxRobot robot) {
        Stage[] stage = new Stage[1];
        DiffusionLabApp first = startApp(robot, stage)[0];
        Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        assertTrue(stage[0].getWidth() <= screen.getWidth() && stage[0].getHeight() <= screen.getHeight(),
                "the first window fits the screen");
        robot.interact(() -> {
            themeItem(robot, stage[0], "menu-theme-dark").fire();
            first.window().selectTab("tab-schedule");
            stage[0].setX(30);
            stage[0].setY(20);
            stage[0].setWidth(1100);
            stage[0].setHeight(680);
        });
        close(robot, first, stage[0]);

        DiffusionLabApp second = startApp(robot, stage)[0];
        try {
            assertEquals(1100, stage[0].getWidth());
            assertEquals(680, stage[0].getHeight());
            assertEquals(30, stage[0].getX());
            assertEquals(20, stage[0].getY());
            assertTrue(second.window().isDark(), "the dark theme is remembered");
            assertTrue(themeItem(robot, stage[0], "menu-theme-dark").isSelected(), "and ticked in the View menu");
            TabPane tabs = robot.from(stage[0].getScene().getRoot()).lookup("#tabs").queryAs(TabPane.class);
            assertEquals("tab-schedule", tabs.getSelectionModel().getSelectedItem().getId());
        } finally {
            robot.interact(() -> second.window().setDarkTheme(false));
            close(robot, second, stage[0]);
        }
        WindowPreferences kept = new WindowPreferences(store);
        assertFalse(kept.darkTheme(), "the light theme chosen last is kept");
        assertEquals(Optional.of("tab-schedule"), kept.lastPane());
    }

    @Test
    void f1ListsTheShortcutsAsATableOfKeysAndWhatTheyDo(FxRobot robot) {
        Stage[] stage = new Stage[1];
        DiffusionLabApp app = startApp(robot, stage)[0];
        try {
            robot.interact(() -> {
                MenuBar bar = robot.from(stage[0].getScene().getRoot()).lookup("#menu-bar").queryAs(MenuBar.class);
                bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                        .filter(i -> "menu-shortcuts".equals(i.getId())).findFirst().orElseThrow().fire();
            });
            WaitForAsyncUtils.waitForFxEvents();
            DialogPane dialog = robot.lookup("#shortcuts-dialog").queryAs(DialogPane.class);
            GridPane table = (GridPane) dialog.getContent();
            assertEquals("shortcuts-table", table.getId());
            List<Label> cells = table.getChildren().stream().map(n -> (Label) n).toList();
            assertEquals(2 * MainWindow.shortcuts().size(), cells.size());
            Label undoKeys = cells.stream().filter(l -> l.getText().contains("Z /")).findFirst().orElseThrow();
            assertEquals(0, GridPane.getColumnIndex(undoKeys), "keys in the first column");
            Label undoWhat = cells.stream().filter(l -> GridPane.getRowIndex(l).equals(GridPane.getRowIndex(undoKeys))
                    && GridPane.getColumnIndex(l) == 1).findFirst().orElseThrow();
            assertTrue(undoWhat.getText().startsWith("Undo / redo"), undoWhat.getText());
            assertTrue(undoKeys.getWidth() >= undoKeys.prefWidth(-1) - 0.5, "the keys are not cut short");
            assertTrue(undoWhat.getBoundsInParent().getMinX() > undoKeys.getBoundsInParent().getMaxX(),
                    "the description stands apart from its keys");
            robot.interact(() -> dialog.getScene().getWindow().hide());
        } finally {
            close(robot, app, stage[0]);
        }
    }
}
