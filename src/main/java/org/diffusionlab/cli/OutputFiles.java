package org.diffusionlab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes text output files atomically: into a temporary file beside the target, then one rename. */
final class OutputFiles {

    /** The file name meaning "standard output". */
    static final String STDOUT = "-";

    private OutputFiles() {
    }

    /** Body of a text writer. */
    @FunctionalInterface
    interface Body {
        void write(Writer w) throws IOException;
    }

    /**
     * Checks, before any long computation, that {@code target} can be written: its folder exists and it is not a
     * folder itself. Returns the absolute path.
     */
    static Path checkWritable(Path target, String option) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw CliException.usage(option + " " + target + " is a folder; give a file name");
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw CliException.usage(option + " " + target + ": the folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new CliException(DiffusionLabCli.EXIT_FAILURE, "Cannot write " + abs + ": the folder is not writable");
        }
        return abs;
    }

    /** Writes text to {@code target} atomically (or to {@code stdout} when the target is "-"). */
    static void writeText(String target, PrintWriter stdout, Body body) throws IOException {
        if (STDOUT.equals(target)) {
            body.write(stdout);
            stdout.flush();
            return;
        }
        Path abs = Path.of(target).toAbsolutePath().normalize();
        // createFile (not createTempFile) so the result gets the usual permissions (umask), not 0600.
        Path tmp = Files.createFile(abs.resolveSibling("." + abs.getFileName() + "."
                + Long.toHexString(System.nanoTime() ^ ProcessHandle.current().pid()) + ".tmp"));
        boolean moved = false;
        try {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8),
                    1 << 16)) {
                body.write(w);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
