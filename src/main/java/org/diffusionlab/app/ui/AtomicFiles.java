package org.diffusionlab.app.ui;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Atomic exports: the content is written to a hidden temporary file beside the target, which is then moved over the
 * target, so a failed or cancelled export never leaves a half-written file (nor destroys the previous one).
 */
public final class AtomicFiles {

    /** Writes the whole content to the given (temporary) path. */
    public interface Work {
        void write(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code file} through {@code work}; on failure the temporary file is removed and the error says which
     * file could not be written.
     */
    public static void write(Path file, Work work) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            work.write(temp);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
            throw new IOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
