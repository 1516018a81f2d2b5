package org.diffusionlab.app;

import javafx.application.Application;

/**
 * Plain entry point for starting the app from a class-path jar. When the main class itself extends
 * {@link Application} and JavaFX is not on the module path, the java launcher refuses with
 * "JavaFX runtime components are missing"; a main class that does not extend it avoids that check.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        DiffusionLabApp.offerWelcome = true;
        Application.launch(DiffusionLabApp.class, args);
    }
}
