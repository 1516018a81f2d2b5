package org.diffusionlab.app;

import java.net.URL;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.application.Application;
import javafx.application.HostServices;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
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

    static final double WIDTH = 1280;
    static final double HEIGHT = 800;

    private MainWindow window;

    /** Set by the launchers: only a real start offers the first start's welcome panel (tests start without it). */
    static volatile boolean offerWelcome;

    /** The window last shown (one per process in the app; tests start many), for the exit hook. */
    private static volatile MainWindow shownWindow;
    private static final AtomicBoolean EXIT_HOOK_ADDED = new AtomicBoolean();

    @Override
    public void start(Stage stage) {
        ErrorReporter.install(stage);
        window = new MainWindow(TrainingConfig.defaults(), TrainAnalysis.Settings.defaults(), hostServicesOrNull());
        stage.setTitle(TITLE);
        stage.setScene(createScene(window));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
        if (offerWelcome) {
            window.offerWelcome(AppPreferences.forNewWindow().node("lessons"));
        }
        shownWindow = window;
        if (EXIT_HOOK_ADDED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(DiffusionLabApp::stopWorkersOnSignal, "exit-stops-workers"));
        }
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
        Scene scene = new Scene(window.root(), WIDTH, HEIGHT);
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
