package org.diffusionlab.app.testutil;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.MenuBar;
import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.MainWindow;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the screenshot tests (tag "screenshot") and the UI-stall benchmark share: the real main window started in
 * TestFX's stage and disposed after the test, a run trained for a while and paused with the window's own buttons, a
 * menu item fired by its id, and PNGs written into {@code assets/screenshots/}, the folder the documentation shows
 * (docs/app-guide.md lists which test writes which file).
 *
 * <p>TestFX's {@code ApplicationExtension} calls only the {@code @Start} and {@code @Stop} methods a test class
 * declares itself (not inherited ones), so each test keeps two one-line methods that call {@link #start} and
 * {@link #stop} of its own instance of this class.
 */
public final class AppScreenshots {

    /** Where the documentation's screenshots live, relative to the repository root (Maven's working directory). */
    public static final Path FOLDER = Path.of("assets/screenshots");

    /** A PNG of a whole window is far larger than this; a smaller one means the scene was not drawn. */
    private static final long NON_EMPTY_BYTES = 10_000;

    private MainWindow window;

    /** Starts the app's main window in TestFX's stage; call from the test's {@code @Start} method. */
    public MainWindow start(Stage stage) {
        DiffusionLabApp app = new DiffusionLabApp();
        app.start(stage);
        window = app.window();
        return window;
    }

    /** Disposes of the window (its services and worker threads); call from the test's {@code @Stop} method. */
    public void stop() {
        window.dispose();
    }

    public MainWindow window() {
        return window;
    }

    /** {@code -Dscreenshot.seconds=N} if given, else the test's default: how long a screenshot test trains. */
    public static long trainingSeconds(long defaultSeconds) {
        return Long.getLong("screenshot.seconds", defaultSeconds);
    }

    /** The Train pane's Start button, once it is enabled (the default run has been built; up to 120 s). */
    public static Button startWhenReady(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !start.isDisabled());
        return start;
    }

    /** Waits for the default run, trains it for {@code seconds} and pauses it (see {@link #trainFor}). */
    public static Button trainThenPause(FxRobot robot, long seconds) throws Exception {
        Button start = startWhenReady(robot);
        trainFor(robot, start, "#pause", seconds);
        return start;
    }

    /**
     * Clicks {@code start}, lets the run train for {@code seconds} of wall time, clicks the button {@code pauseQuery}
     * finds and waits (up to 30 s) until the run has paused and Start is enabled again.
     */
    public static void trainFor(FxRobot robot, Button start, String pauseQuery, long seconds) throws Exception {
        robot.clickOn(start);
        Thread.sleep(seconds * 1000);
        robot.clickOn(pauseQuery);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !start.isDisabled());
    }

    /** Fires the menu item with this id (e.g. "menu-theme-dark") on the FX thread, as a click on it would. */
    public static void fireMenuItem(FxRobot robot, String id) {
        robot.interact(() -> {
            MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
            bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(item -> id.equals(item.getId()))
                    .findFirst().orElseThrow().fire();
        });
    }

    /** Snapshots the scene into {@code assets/screenshots/NAME}. */
    public static Path write(Scene scene, String name) {
        return Snapshots.write(scene, FOLDER.resolve(name));
    }

    /** Snapshots the scene into {@code assets/screenshots/NAME} and checks that the picture is not empty. */
    public static Path writeNonEmpty(Scene scene, String name) {
        return assertNotEmpty(write(scene, name));
    }

    /** Fails when the PNG is too small to be a drawn window. */
    public static Path assertNotEmpty(Path png) {
        assertTrue(png.toFile().length() > NON_EMPTY_BYTES, "screenshot looks empty: " + png);
        return png;
    }
}
