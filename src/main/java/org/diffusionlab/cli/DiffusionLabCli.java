package org.diffusionlab.cli;

import java.io.PrintWriter;
import org.diffusionlab.Version;
import org.diffusionlab.engine.NativeRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The headless command line: train, evaluate, sample and benchmark swiss-roll diffusion models without JavaFX.
 *
 * <p>Exit codes (the table in the help's footer): 0 success; 1 the run failed (training diverged, a write failed, out
 * of memory, an internal error); 2 refused before running (bad or inapplicable options, input files that are missing,
 * unreadable or refused, an output folder that does not exist); 130 and 143 when SIGINT (Ctrl-C) or
 * SIGTERM stopped it, the shell's convention of 128 + the signal's number (the JVM exits so). The line is drawn
 * by whose the problem is: what the command line names wrongly is the user's to fix (2); a file system that refuses
 * a write, or work that goes wrong, is a failure (1). No stack trace reaches the user unless {@code --debug} is given. Every subcommand maps its own failures to these
 * codes (see {@link CliCommand}), so they hold however the {@link CommandLine} was built; {@link #newCommandLine()}
 * adds handlers for what happens outside a subcommand.
 */
@Command(name = "diffusionlab",
        mixinStandardHelpOptions = true,
        versionProvider = DiffusionLabCli.VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Train, evaluate and sample the diffusion model of Sohl-Dickstein et al. (2015) on the swiss roll.",
        description = {"All log-likelihoods are in bits per data point; data live in the unit-variance space "
                + "(each coordinate of the swiss roll scaled to variance 1)."},
        subcommands = {TrainCommand.class, EvaluateCommand.class, SampleCommand.class, TrajectoryCommand.class,
                InpaintCommand.class, DenoiseCommand.class,
                BenchCommand.class, BenchWorkerCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0    success",
                "  1    the run failed: training diverged (train saves the best model seen), a file could not be "
                        + "written (no permission, disk full), out of memory, an internal error",
                "  2    refused before running: bad options or options that do not apply to the model, an input "
                        + "file that is missing, unreadable or refused (model files, --data-csv, --schedule-csv, "
                        + "images, masks), an output folder that does not exist",
                "  130  stopped by Ctrl-C (SIGINT); 143 by SIGTERM (train saves its model first)",
                "The reason is printed on stderr, naming the option or file and the cause.",
                "",
                "Run 'diffusionlab help <command>' or 'diffusionlab <command> --help' for a command's options."})
public final class DiffusionLabCli implements Runnable {

    /** Exit code of a failure (I/O, unreadable model file, diverged training). */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of bad arguments or input, found before the work starts. */
    public static final int EXIT_USAGE = 2;
    /** Exit code after SIGINT (Ctrl-C): 128 + 2, set by the JVM as it shuts down. */
    public static final int EXIT_SIGINT = 130;
    /** Exit code after SIGTERM: 128 + 15, set by the JVM as it shuts down. */
    public static final int EXIT_SIGTERM = 143;

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "ND4J/OpenBLAS threads, 1 to 256 (default: ${DEFAULT-VALUE}). "
                    + "On small machines one thread is usually fastest.",
            defaultValue = "1")
    int threads = NativeRuntime.DEFAULT_THREADS;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces of errors (for bug reports).")
    boolean debug;

    /** Whether stderr is an interactive terminal (progress is redrawn in place with \r); set by {@link #main}. */
    boolean interactive;

    private boolean runtimeConfigured;

    public static void main(String[] args) {
        DiffusionLabCli cli = new DiffusionLabCli();
        cli.interactive = stderrIsTerminal();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // A signal outside a training run (which reports itself, see StopOnCtrlC): say so rather than vanish.
            if (!done.get() && !StopOnCtrlC.isActive()) {
                System.err.println(interruptedMessage());
                System.err.flush();
            }
        }, "diffusionlab-interrupted"));
        int code = newCommandLine(cli).execute(args);
        done.set(true);
        System.exit(code);
    }

    /** What a signal before the end of a command prints (exit 130 for SIGINT, 143 for SIGTERM). */
    static String interruptedMessage() {
        return "Interrupted (Ctrl-C or SIGTERM) before the command finished; no file is left half-written.";
    }

    /**
     * Whether stderr is a terminal. Java 17 can only tell for stdin and stdout together (System.console()), which
     * is wrong for {@code train ... > log}; on Linux, /proc names the terminal behind file descriptor 2.
     */
    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            java.nio.file.Path fd2 = java.nio.file.Path.of("/proc/self/fd/2");
            if (java.nio.file.Files.isSymbolicLink(fd2)) {
                String target = java.nio.file.Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through to the portable test
        }
        return System.console() != null;
    }

    /** A command line with the exit-code and error handlers installed. */
    public static CommandLine newCommandLine() {
        return newCommandLine(new DiffusionLabCli());
    }

    static CommandLine newCommandLine(DiffusionLabCli cli) {
        CommandLine cmd = new CommandLine(cli);
        cmd.setParameterExceptionHandler(DiffusionLabCli::handleParameterException);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // Subcommands map their own failures; this catches anything that escapes them.
            return CliCommand.report(ex, commandLine.getErr(), cli.debug);
        });
        return cmd;
    }

    /** Usage errors: the reason and a pointer to --help, no usage dump, exit 2. */
    static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = String.valueOf(ex.getMessage());
        err.println(message.startsWith("Error: ") ? message : "Error: " + message);
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return EXIT_USAGE;
    }

    @Override
    public void run() {
        // No subcommand: show the overview.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Configures ND4J's threads once, before the first ND4J use of a subcommand. */
    void configureRuntime() {
        if (runtimeConfigured) {
            return;
        }
        if (threads < 1 || threads > 256) {
            throw new CliException(EXIT_USAGE, "--threads must be between 1 and 256, got " + threads);
        }
        NativeRuntime.configure(threads);
        runtimeConfigured = true;
    }

    int threads() {
        return threads;
    }

    boolean debug() {
        return debug;
    }

    boolean interactive() {
        return interactive;
    }

    /** Prints the application version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v;
            try {
                v = Version.get();
            } catch (RuntimeException e) {
                v = "unknown (" + e.getMessage() + ")";
            }
            return new String[]{"DiffusionLab " + v,
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
