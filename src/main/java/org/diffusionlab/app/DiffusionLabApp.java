package org.diffusionlab.app;

import java.net.URL;

import javafx.application.Application;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.diffusionlab.Version;

/**
 * The DiffusionLab desktop application. For now a title screen; the main window with its panes
 * replaces {@link #createRoot()} later.
 */
public class DiffusionLabApp extends Application {

    public static final String TITLE = "DiffusionLab";
    public static final String TAGLINE =
            "Watch the first diffusion model learn \u2014 Sohl-Dickstein et al., ICML 2015";
    public static final String STYLESHEET = "/assets/app.css";

    static final double WIDTH = 1000;
    static final double HEIGHT = 700;

    @Override
    public void start(Stage stage) {
        stage.setTitle(TITLE);
        stage.setScene(createScene());
        stage.show();
    }

    /** The window's scene with the stylesheet applied; also used by tests. */
    public static Scene createScene() {
        Scene scene = new Scene(createRoot(), WIDTH, HEIGHT);
        scene.getStylesheets().add(stylesheet());
        return scene;
    }

    static Parent createRoot() {
        Label name = new Label(TITLE);
        name.setId("app-name");
        name.getStyleClass().add("app-name");

        Label tagline = new Label(TAGLINE);
        tagline.setId("app-tagline");
        tagline.getStyleClass().add("app-tagline");

        Label version = new Label("version " + Version.get());
        version.setId("app-version");
        version.getStyleClass().add("app-version");

        VBox root = new VBox(name, tagline, version);
        root.setAlignment(Pos.CENTER);
        root.getStyleClass().add("title-screen");
        return root;
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
