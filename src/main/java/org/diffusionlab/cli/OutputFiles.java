package org.diffusionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionlab.engine.files.AtomicFile;

/** Checks output paths early, and writes text output files atomically (through the engine's {@link AtomicFile}). */
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
        AtomicFile.writeText(Path.of(target), body::write);
    }
}
