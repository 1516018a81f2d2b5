package org.diffusionlab.app.ui;

import java.io.IOException;
import java.nio.file.Path;
import org.diffusionlab.engine.files.AtomicFile;

/**
 * Atomic exports through the engine's one atomic-file helper ({@link AtomicFile}): the content is written to a hidden
 * temporary file beside the target, which is then moved over the target, so a failed or cancelled export never leaves
 * a half-written file (nor destroys the previous one). New files get the usual permissions (the umask's), not 0600.
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
     * file could not be written (a runtime failure of the work, e.g. of an image writer, is reported the same way).
     */
    public static void write(Path file, Work work) throws IOException {
        try {
            AtomicFile.write(file, work::write);
        } catch (RuntimeException e) {
            throw new IOException("Cannot write " + file.toAbsolutePath().normalize() + ": " + e, e);
        }
    }
}
