package org.diffusionlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.diffusionlab.Version;
import org.diffusionlab.app.testutil.Snapshots;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** Runs headless under Monocle (see the surefire argLine in pom.xml). */
@ExtendWith(ApplicationExtension.class)
class DiffusionLabAppTest {

    private Stage stage;
    private DiffusionLabApp app;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new DiffusionLabApp();
        app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    /** The version Maven is building, passed in by surefire; independent of the filtered resource. */
    private static String projectVersion() {
        String v = System.getProperty("project.version");
        assertNotNull(v, "surefire should pass -Dproject.version (see pom.xml)");
        return v;
    }

    @Test
    void versionResourceIsFilteredByTheBuild() {
        assertEquals(projectVersion(), Version.get());
    }

    @Test
    void windowHasMenusTheTabsAndAStatusBarWithTheVersion(FxRobot robot) {
        assertEquals("DiffusionLab", stage.getTitle());
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        assertEquals(List.of("File", "Run", "View", "Lessons", "Help"),
                bar.getMenus().stream().map(Menu::getText).toList());
        List<String> file = bar.getMenus().get(0).getItems().stream().map(i -> i.getText()).toList();
        assertTrue(file.containsAll(List.of("New run", "Open model\u2026", "Save model", "Save as\u2026", "Export\u2026",
                "Open lesson\u2026")),
                file.toString());
        List<String> lessons = bar.getMenus().get(3).getItems().stream().map(i -> i.getText()).toList();
        assertEquals(7, lessons.size(), lessons.toString());
        assertEquals("1. Forward diffusion destroys structure", lessons.get(0));
        List<String> help = bar.getMenus().get(4).getItems().stream().map(i -> i.getText()).toList();
        assertTrue(help.containsAll(List.of("About DiffusionLab", "Keyboard shortcuts", "The paper")), help.toString());

        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        List<String> tabNames = tabs.getTabs().stream().map(t -> t.getText()).toList();
        assertEquals("Train", tabNames.get(0));
        assertTrue(tabNames.contains("Trajectory"), tabNames.toString());
        assertTrue(tabNames.contains("Schedule"), tabNames.toString());

        Label version = robot.lookup("#app-version").queryAs(Label.class);
        assertTrue(version.isVisible());
        assertEquals("DiffusionLab " + projectVersion(), version.getText());
        assertNotNull(robot.lookup("#status-state").queryAs(Label.class));
        assertNotNull(robot.lookup("#status-k").queryAs(Label.class));
    }

    @Test
    void windowOpensOnTheDefaultRunReadyToStart(FxRobot robot) throws TimeoutException {
        Button start = robot.lookup("#start").queryButton();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !start.isDisabled());
        assertEquals(TrainingConfig.defaults(), app.window().trainViewModel().runConfig());
        assertEquals("Ready", robot.lookup("#status-state").queryAs(Label.class).getText());
        assertEquals("Iteration 0", robot.lookup("#status-iteration").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#status-k").queryAs(Label.class).getText().endsWith(" bits"));
    }

    @Test
    void anUncaughtExceptionIsShownAndTheAppKeepsRunning(FxRobot robot) throws TimeoutException {
        Platform.runLater(() -> {
            throw new IllegalStateException("deliberate failure for the test");
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("deliberate failure for the test", dialog.getContentText());
        robot.interact(() -> dialog.getScene().getWindow().hide());
        assertTrue(stage.isShowing(), "the main window stays open");
        assertNotNull(robot.lookup("#start").queryButton());
    }

    @Test
    void stylesheetComesFromTheClassPath() {
        assertEquals(1, stage.getScene().getStylesheets().size());
        assertTrue(stage.getScene().getStylesheets().get(0).endsWith("/assets/app.css"));
        assertNotNull(DiffusionLabApp.class.getResource(DiffusionLabApp.STYLESHEET));
    }

    @Test
    void snapshotOfTheSceneIsAPngOfTheWindowSize(@TempDir Path dir) throws IOException {
        Path png = Snapshots.write(stage.getScene(), dir.resolve("shots/window.png"));

        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "not a readable PNG: " + png);
        assertEquals((int) DiffusionLabApp.WIDTH, image.getWidth());
        assertEquals((int) DiffusionLabApp.HEIGHT, image.getHeight());
        assertFalse(isUniform(image), "snapshot is a single colour: nothing was rendered");
    }

    @Test
    void snapshotOfANodeHasTheNodesSize(FxRobot robot, @TempDir Path dir) throws IOException {
        Label version = robot.lookup("#app-version").queryAs(Label.class);
        Path png = Snapshots.write(version, dir.resolve("version.png"));

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(Math.ceil(version.getBoundsInParent().getWidth()), image.getWidth(), 1.0);
        assertEquals(Math.ceil(version.getBoundsInParent().getHeight()), image.getHeight(), 1.0);
        assertFalse(isUniform(image), "label snapshot shows no text");
    }

    private static boolean isUniform(BufferedImage image) {
        int first = image.getRGB(0, 0);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) != first) {
                    return false;
                }
            }
        }
        return true;
    }
}
