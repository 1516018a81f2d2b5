package org.diffusionlab.app;

import java.net.URL;

import javafx.application.Application;
import javafx.application.HostServices;
import javafx.scene.Scene;
import javafx.stage.Stage;
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

    @Override
    public void start(Stage stage) {
        ErrorReporter.install(stage);
        window = new MainWindow(TrainingConfig.defaults(), TrainAnalysis.Settings.defaults(), hostServicesOrNull());
        stage.setTitle(TITLE);
        stage.setScene(createScene(window));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
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

    private static String stylesheet() {
        URL css = DiffusionLabApp.class.getResource(STYLESHEET);
        if (css == null) {
            throw new IllegalStateException("missing class-path resource " + STYLESHEET);
        }
        return css.toExternalForm();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
