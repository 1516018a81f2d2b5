package org.diffusionlab.app;

import java.net.URL;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.application.Application;
import javafx.application.HostServices;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.diffusionlab.app.service.WorkerThreads;
import org.diffusionlab.app.train.TrainAnalysis;
import org.diffusionlab.engine.train.TrainingConfig;

/**
 * The DiffusionLab desktop application: one main window ({@link MainWindow}) that opens on the default swiss-roll run,
 * ready to start.
 */
public class DiffusionLabApp extends Application {

    public static final String TITLE = "DiffusionLab";
    public static final String TAGLINE =
            "Watch the first diffusion model learn \u2014 Sohl-Dickstein et al., ICML 2015";
    public static final String STYLESHEET = "/assets/app.css";

    static final double WIDTH = WindowPlacement.PREFERRED_WIDTH;
    static final double HEIGHT = WindowPlacement.PREFERRED_HEIGHT;
    /** The smallest window the panes are laid out for (they scroll below their own minimum sizes). */
    static final double MIN_WIDTH = 800;
    static final double MIN_HEIGHT = 560;

    private final WindowPreferences preferences;
    private MainWindow window;
    /** The window's last bounds while neither maximised nor minimised: what is remembered. */
    private Rectangle2D normalBounds;

    /** Set by the launchers: only a real start offers the first start's welcome panel (tests start without it). */
    static volatile boolean offerWelcome;

    /** The window last shown (one per process in the app; tests start many), for the exit hook. */
    private static volatile MainWindow shownWindow;
    private static final AtomicBoolean EXIT_HOOK_ADDED = new AtomicBoolean();

    /** The app with the user's preferences (see {@link AppPreferences#forNewWindow()}). */
    public DiffusionLabApp() {
        this(AppPreferences.forNewWindow());
    }

    /** The app remembering its window in this preferences node (tests give a throwaway one). */
    public DiffusionLabApp(java.util.prefs.Preferences node) {
        this.preferences = new WindowPreferences(node);
    }

    @Override
    public void start(Stage stage) {
        ErrorReporter.install(stage);
        window = new MainWindow(TrainingConfig.defaults(), TrainAnalysis.Settings.defaults(), hostServicesOrNull());
        stage.setTitle(TITLE);
        Rectangle2D visual = Screen.getPrimary().getVisualBounds();
        Rectangle2D bounds = WindowPlacement.place(preferences.windowBounds(),
                Screen.getScreens().stream().map(Screen::getVisualBounds).toList(), visual);
        stage.setScene(createScene(window, bounds.getWidth(), bounds.getHeight()));
        stage.setX(bounds.getMinX());
        stage.setY(bounds.getMinY());
        stage.setWidth(bounds.getWidth());     // also a stage shown before (tests reuse one) takes the placed size
        stage.setHeight(bounds.getHeight());
        stage.setMinWidth(Math.min(MIN_WIDTH, visual.getWidth()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, visual.getHeight()));
        stage.setMaximized(preferences.maximised());
        window.setDarkTheme(preferences.darkTheme());
        preferences.lastPane().ifPresent(window::selectTab);
        normalBounds = bounds;
        rememberWindow(stage);
        stage.show();
        if (offerWelcome) {
            window.offerWelcome(AppPreferences.forNewWindow().node("lessons"));
        }
        shownWindow = window;
        if (EXIT_HOOK_ADDED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(DiffusionLabApp::stopWorkersOnSignal, "exit-stops-workers"));
        }
    }

    /** Keeps the window's normal bounds up to date, and writes them, the theme and the pane when it closes. */
    private void rememberWindow(Stage stage) {
        javafx.beans.InvalidationListener moved = o -> {
            if (!stage.isMaximized() && !stage.isIconified() && stage.isShowing()) {
                normalBounds = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            }
        };
        stage.xProperty().addListener(moved);
        stage.yProperty().addListener(moved);
        stage.widthProperty().addListener(moved);
        stage.heightProperty().addListener(moved);
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> savePreferences(stage));
    }

    /** Writes the window's bounds, maximised state, theme and pane to the preferences. */
    void savePreferences(Stage stage) {
        if (normalBounds != null) {
            preferences.setWindowBounds(normalBounds);
        }
        preferences.setMaximised(stage.isMaximized());
        preferences.setDarkTheme(window.isDark());
        preferences.setLastPane(window.selectedTabId());
        preferences.flush();
    }

    /**
     * When the process is ended by a signal (SIGTERM, logging out) JavaFX does not call {@link #stop()}: tell the
     * workers to stop on the FX thread (if it still runs) and let them leave ND4J's native code before the JVM goes.
     */
    private static void stopWorkersOnSignal() {
        MainWindow w = shownWindow;
        if (w == null) {
            return;
        }
        CountDownLatch disposed = new CountDownLatch(1);
        try {
            Platform.runLater(() -> {
                w.dispose();
                disposed.countDown();
            });
            disposed.await(1, TimeUnit.SECONDS);
        } catch (IllegalStateException e) {
            return;          // the toolkit has exited: stop() has already disposed the window and waited
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        WorkerThreads.awaitEnd(WorkerThreads.PREFIX, 2000);
    }

    private HostServices hostServicesOrNull() {
        try {
            return getHostServices();
        } catch (RuntimeException e) {
            return null;     // started by a test without the launcher
        }
    }

    /** The window (after {@link #start}). */
    public MainWindow window() {
        return window;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.dispose();
            shownWindow = null;
            // Let the workers leave ND4J's native code before the JVM unloads it (at most 3 s; they stop within a step).
            WorkerThreads.awaitEnd(WorkerThreads.PREFIX, 3000);
        }
    }

    /** A main window's scene (default run) with the stylesheet applied; also used by tests. */
    public static Scene createScene() {
        return createScene(new MainWindow(TrainingConfig.defaults(), TrainAnalysis.Settings.defaults(), null));
    }

    /** The scene of a given main window, with the stylesheet applied. */
    public static Scene createScene(MainWindow window) {
        return createScene(window, WIDTH, HEIGHT);
    }

    /** The scene of a given main window at a given size, with the stylesheet applied. */
    public static Scene createScene(MainWindow window, double width, double height) {
        Scene scene = new Scene(window.root(), width, height);
        scene.getStylesheets().add(stylesheet());
        return scene;
    }

    /** The app's stylesheet's address, for scenes built outside the main window (dialogs, tests of one component). */
    public static String stylesheet() {
        URL css = DiffusionLabApp.class.getResource(STYLESHEET);
        if (css == null) {
            throw new IllegalStateException("missing class-path resource " + STYLESHEET);
        }
        return css.toExternalForm();
    }

    public static void main(String[] args) {
        offerWelcome = true;
        launch(args);
    }
}
