package org.diffusionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
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
            code = DiffusionLabCli.EXIT_FAILURE;
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
