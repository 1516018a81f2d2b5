package org.diffusionlab.app.ui;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.concurrent.Task;
import javafx.scene.control.Label;

/**
 * Runs a pane's exports off the FX thread (a GIF of thousands of frames takes a while): the export's progress and
 * then "Exported name" show in the pane's status label, and a failure goes to the pane's error handler.
 */
public final class ExportRunner {

    /** Writes the file, telling its progress in words as it goes (from the background thread). */
    public interface Work {
        void write(Consumer<String> progress) throws Exception;
    }

    private final Label status;
    private final Consumer<String> errors;
    private final Executor io;

    public ExportRunner(Label status, Consumer<String> errors, Executor io) {
        this.status = Objects.requireNonNull(status);
        this.errors = Objects.requireNonNull(errors);
        this.io = Objects.requireNonNull(io);
    }

    /** Starts writing {@code file}; the task's value is the file. */
    public Task<Path> run(Path file, Work work) {
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                work.write(this::updateMessage);
                return file;
            }
        };
        status.textProperty().bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            status.textProperty().unbind();
            status.setText("Exported " + file.getFileName());
        });
        task.setOnFailed(e -> {
            status.textProperty().unbind();
            status.setText("");
            Throwable x = task.getException();
            errors.accept(x.getMessage() != null ? x.getMessage() : x.toString());
        });
        io.execute(task);
        return task;
    }
}
