package org.diffusionlab.cli;

import java.util.Locale;
import org.diffusionlab.engine.train.Trainer;
import org.diffusionlab.engine.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Hidden helper of {@code bench}: measures training iterations per second with the default config and prints that
 * one number. {@code bench} runs it in a child JVM per thread count, because ND4J's thread pools cannot be
 * resized reliably once they have started.
 */
@Command(name = "bench-worker", hidden = true, mixinStandardHelpOptions = true,
        description = "Print training iterations per second with the default config (used by 'bench').")
final class BenchWorkerCommand extends CliCommand {

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "5",
            description = "Measuring time after a warm-up, in seconds, > 0 (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "1",
            description = "Warm-up time in seconds, >= 0 (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Override
    int execute() {
        if (!(seconds > 0) || !(warmup >= 0) || !Double.isFinite(seconds + warmup)) {
            throw CliException.usage("--seconds must be > 0 and --warmup >= 0");
        }
        out().println(String.format(Locale.ROOT, "%.6f", itersPerSecond(TrainingConfig.defaults(), warmup, seconds)));
        return 0;
    }

    /** Iterations per second of wall time, after a warm-up of at least 3 iterations. */
    static double itersPerSecond(TrainingConfig config, double warmupSeconds, double seconds) {
        Trainer trainer = new Trainer(config);
        long start = System.nanoTime();
        int warm = 0;
        while (warm < 3 || (System.nanoTime() - start) / 1e9 < warmupSeconds) {
            trainer.step();
            warm++;
        }
        long from = System.nanoTime();
        long iterations = 0;
        double elapsed;
        do {
            trainer.step();
            iterations++;
            elapsed = (System.nanoTime() - from) / 1e9;
        } while (elapsed < seconds || iterations < 3);
        return iterations / elapsed;
    }
}
