package org.diffusionlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.diffusionlab.Version;
import org.diffusionlab.app.testutil.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Runs headless under Monocle (see the surefire argLine in pom.xml). */
@ExtendWith(ApplicationExtension.class)
class DiffusionLabAppTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new DiffusionLabApp().start(stage);
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
    void windowShowsNameTaglineAndProjectVersion(FxRobot robot) {
        assertEquals("DiffusionLab", stage.getTitle());
        assertEquals("DiffusionLab", robot.lookup("#app-name").queryAs(Label.class).getText());
        assertEquals(DiffusionLabApp.TAGLINE, robot.lookup("#app-tagline").queryAs(Label.class).getText());

        Label version = robot.lookup("#app-version").queryAs(Label.class);
        assertTrue(version.isVisible());
        assertEquals("version " + projectVersion(), version.getText());
    }

    @Test
    void stylesheetComesFromTheClassPath() {
        assertEquals(1, stage.getScene().getStylesheets().size());
        assertTrue(stage.getScene().getStylesheets().get(0).endsWith("/assets/app.css"));
        assertNotNull(DiffusionLabApp.class.getResource(DiffusionLabApp.STYLESHEET));
    }

    @Test
    void snapshotOfTheSceneIsAPngOfTheWindowSize(@TempDir Path dir) throws IOException {
        Path png = Snapshots.write(stage.getScene(), dir.resolve("shots/title.png"));

        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "not a readable PNG: " + png);
        assertEquals((int) DiffusionLabApp.WIDTH, image.getWidth());
        assertEquals((int) DiffusionLabApp.HEIGHT, image.getHeight());
        assertFalse(isUniform(image), "snapshot is a single colour: nothing was rendered");
    }

    @Test
    void snapshotOfANodeHasTheNodesSize(FxRobot robot, @TempDir Path dir) throws IOException {
        Label name = robot.lookup("#app-name").queryAs(Label.class);
        Path png = Snapshots.write(name, dir.resolve("name.png"));

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(Math.ceil(name.getBoundsInParent().getWidth()), image.getWidth(), 1.0);
        assertEquals(Math.ceil(name.getBoundsInParent().getHeight()), image.getHeight(), 1.0);
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
