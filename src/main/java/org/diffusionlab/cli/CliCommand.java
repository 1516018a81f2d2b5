package org.diffusionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.diffusionlab.engine.io.ModelFileException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Base of every subcommand: configures ND4J's threads before the command touches it, and turns every failure into
 * a one-line message on stderr and an exit code, so no stack trace reaches the user (unless {@code --debug}),
 * whichever {@link picocli.CommandLine} runs the command.
 */
abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    DiffusionLabCli root;

    /** The command's work; returns the exit code. */
    abstract int execute() throws Exception;

    /** Whether the command uses ND4J (and so needs the thread count set first). */
    boolean usesNd4j() {
        return true;
    }

    @Override
    public final Integer call() {
        try {
            if (usesNd4j()) {
                root().configureRuntime();
            }
            return execute();
        } catch (Exception | OutOfMemoryError | StackOverflowError | LinkageError e) {
            return report(e, err(), root().debug());
        } finally {
            out().flush();
            err().flush();
        }
    }

    DiffusionLabCli root() {
        if (root == null) {
            root = new DiffusionLabCli();    // the command was run on its own, without the top-level command
        }
        return root;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints a failure as one message (and its stack trace only when debugging); returns its exit code. */
    static int report(Throwable e, PrintWriter err, boolean debug) {
        int code;
        String message;
        if (e instanceof CliException c) {
            code = c.exitCode();
            message = c.getMessage();
        } else if (e instanceof ModelFileException) {
            code = DiffusionLabCli.EXIT_USAGE;          // a model file named as input that cannot be read: bad input
            message = e.getMessage();
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            code = DiffusionLabCli.EXIT_FAILURE;
            message = describeIo(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        } else if (e instanceof OutOfMemoryError) {
            code = DiffusionLabCli.EXIT_FAILURE;
            message = "Out of memory. Use fewer points (--n), or give Java more memory (java -Xmx8g -jar ...).";
        } else if (e instanceof InterruptedException) {
            code = DiffusionLabCli.EXIT_FAILURE;
            message = "Interrupted.";
        } else {
            code = DiffusionLabCli.EXIT_FAILURE;
            String m = e.getMessage();
            message = "Internal error: " + e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m)
                    + (debug ? "" : " (run with --debug for the stack trace)");
        }
        err.println("Error: " + message);
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** Whether {@code option} (any of its names) was given on the command line, rather than left at its default. */
    boolean given(String option) {
        var parsed = spec.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(option);
    }

    /**
     * Refuses (exit 2) the options among {@code options} that were given, though they do not apply to {@code file},
     * a model of the kind {@code kind} (e.g. "a swiss-roll model"): every kind refuses what is not its own the same way.
     */
    void refuseOptionsFor(Path file, String kind, String... options) {
        List<String> wrong = Arrays.stream(options).filter(this::given).toList();
        if (!wrong.isEmpty()) {
            throw CliException.usage(String.join(", ", wrong) + (wrong.size() == 1 ? " does" : " do")
                    + " not apply to " + file + ", " + kind);
        }
    }

    /** A write that failed (disk full, permission lost): exit 1, naming the file the user gave and the cause. */
    static CliException writeFailed(Object file, IOException e) {
        return CliException.failure("Cannot write " + file + ": " + reasonOf(e), e);
    }

    /**
     * Why an I/O operation failed, without the file names inside the exception: those are of the hidden temporary
     * files that the atomic writes use, which would only confuse.
     */
    static String reasonOf(IOException e) {
        Throwable root = e;
        while (root.getCause() instanceof IOException cause && cause != root) {
            root = cause;       // ImageIO wraps the real cause ("No space left on device") in its own words
        }
        if (root instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (root instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (root instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }

    /** An I/O error in plain words, naming the file. */
    static String describeIo(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return "No such file or directory: " + n.getFile()
                    + (n.getOtherFile() != null ? " (or " + n.getOtherFile() + ")" : "");
        }
        if (e instanceof AccessDeniedException a) {
            return "Permission denied: " + a.getFile();
        }
        if (e instanceof FileSystemException f) {
            String reason = f.getReason();
            return "Cannot access " + f.getFile() + (reason != null ? ": " + reason : "");
        }
        String m = e.getMessage();
        return "I/O error: " + (m == null ? e.getClass().getSimpleName() : m);
    }
}
