package org.diffusionlab.app.testutil;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes PNG snapshots of scenes and nodes, e.g. for the documentation's screenshots. May be called from
 * any thread: the snapshot itself is always taken on the JavaFX application thread.
 */
public final class Snapshots {

    private static final long TIMEOUT_SECONDS = 30;

    private Snapshots() {
    }

    /** Snapshots a whole scene (at its current size) to {@code file}, creating parent folders. */
    public static Path write(Scene scene, Path file) {
        return writeImage(onFxThread(() -> scene.snapshot(null)), file);
    }

    /** Snapshots a node (its bounds in the parent, default parameters) to {@code file}, creating parent folders. */
    public static Path write(Node node, Path file) {
        return writeImage(onFxThread(() -> node.snapshot(new SnapshotParameters(), null)), file);
    }

    /** Writes a snapshot already taken (e.g. on the FX thread mid-run) to {@code file}, creating parent folders. */
    public static Path write(WritableImage image, Path file) {
        return writeImage(image, file);
    }

    private static Path writeImage(WritableImage image, Path file) {
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(buffered, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer for image type " + buffered.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot to " + file, e);
        }
        return file;
    }

    private static <T> T onFxThread(Supplier<T> work) {
        if (Platform.isFxApplicationThread()) {
            return work.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking a snapshot", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("snapshot failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("snapshot did not finish within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
