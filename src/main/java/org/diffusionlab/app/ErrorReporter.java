package org.diffusionlab.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches exceptions nobody handled (on any thread, the JavaFX application thread included), logs them and shows
 * them in a dialog, so that a bug in one handler does not take the whole app down. While one dialog is open further
 * errors are only logged, so a failure that repeats every frame cannot bury the window under dialogs.
 */
public final class ErrorReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);
    private static final AtomicBoolean SHOWING = new AtomicBoolean();
    private static volatile Window owner;
    private static volatile Consumer<Throwable> listener = t -> { };

    private ErrorReporter() {
    }

    /** Installs the handler for every thread and for the FX thread; call on the FX thread. */
    public static void install(Window window) {
        owner = window;
        Thread.UncaughtExceptionHandler h = (thread, error) -> report(thread, error);
        Thread.setDefaultUncaughtExceptionHandler(h);
        Thread.currentThread().setUncaughtExceptionHandler(h);
    }

    /** Tests: also tell this listener about every reported error. */
    static void setListener(Consumer<Throwable> l) {
        listener = l == null ? t -> { } : l;
    }

    /** Logs the error and shows it to the user (from any thread). */
    public static void report(Thread thread, Throwable error) {
        LOG.error("Uncaught exception on thread {}", thread.getName(), error);
        listener.accept(error);
        if (Platform.isFxApplicationThread()) {
            show(error);
        } else {
            try {
                Platform.runLater(() -> show(error));
            } catch (IllegalStateException toolkitGone) {
                // the app is shutting down; the log has it
            }
        }
    }

    private static void show(Throwable error) {
        if (!SHOWING.compareAndSet(false, true)) {
            return;
        }
        try {
            Alert alert = new Alert(Alert.AlertType.ERROR);
            alert.setTitle("DiffusionLab \u2013 unexpected error");
            alert.setHeaderText("Something went wrong; DiffusionLab keeps running.");
            alert.setContentText(message(error));
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            TextArea details = new TextArea(trace.toString());
            details.setEditable(false);
            details.setPrefRowCount(12);
            alert.getDialogPane().setExpandableContent(details);
            Window w = owner;
            if (w != null && w.isShowing()) {
                alert.initOwner(w);
            }
            alert.setOnHidden(e -> SHOWING.set(false));
            alert.show();
        } catch (RuntimeException e) {
            SHOWING.set(false);
            LOG.error("Could not show the error dialog", e);
        }
    }

    static String message(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return (m == null || m.isBlank()) ? root.getClass().getSimpleName() : m;
    }
}
