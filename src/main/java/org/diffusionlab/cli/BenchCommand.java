package org.diffusionlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.diffusionlab.Version;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.gaussian.ReverseSampler;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.Trainer;
import org.diffusionlab.engine.train.TrainingConfig;
import org.diffusionlab.engine.train.TrainingControl;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: how fast this machine trains and samples, and how that compares with its matrix-multiply speed. */
@Command(name = "bench",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        versionProvider = DiffusionLabCli.VersionProvider.class,
        headerHeading = "%n",
        header = "Measure training and sampling speed with the default settings.",
        description = {
                "Measures (a) training iterations per second with 1 and 2 ND4J threads (each in a child JVM), "
                        + "(b) the wall time until K on the holdout reaches -2.15 bits (holdout checked every "
                        + "250 ms), (c) the time to draw 10,000 samples through all T steps, (d) float32 "
                        + "matrix-multiply speed (GFLOP/s, best of several), and the arithmetic of training and "
                        + "sampling as a fraction of it.",
                "Parts (b) to (d) run in this JVM with --threads threads. Takes about 30 s plus the time of (b)."},
        footerHeading = "%nExamples:%n",
        footer = {"  diffusionlab bench",
                "  diffusionlab bench --json --seconds-budget 60 > bench.json",
                "",
                "Exit codes: 0 success (also when K does not reach -2.15 bits in time), 1 a measurement failed, "
                        + "2 bad arguments."})
final class BenchCommand extends CliCommand {

    /** The holdout K (bits) whose first crossing is timed. */
    static final double TARGET_K_BITS = -2.15;
    static final long SNAPSHOT_MILLIS = 250;
    static final int SAMPLE_POINTS = 10_000;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--parzen", paramLabel = "MODEL",
            description = "Instead: the Parzen-window log-likelihood of test digits under samples of a digits model (the paper's Table 2).")
    java.nio.file.Path parzenModel;

    @Option(names = "--parzen-samples", paramLabel = "N", defaultValue = "10000",
            description = "With --parzen: samples drawn from the model (default: ${DEFAULT-VALUE}, as in the paper).")
    int parzenSamples;

    @Option(names = "--parzen-test", paramLabel = "N", defaultValue = "1000",
            description = "With --parzen: test digits scored, 2 to 1000 (default: ${DEFAULT-VALUE}).")
    int parzenTest;

    @Option(names = "--legibility", paramLabel = "MODEL",
            description = "Instead: how many samples of a digits model read as digits, judged by a classifier trained "
                    + "on the training digits, beside the same figures for real test digits.")
    java.nio.file.Path legibilityModel;

    @Option(names = "--legibility-samples", paramLabel = "N", defaultValue = "1000",
            description = "With --legibility: samples drawn from the model, 10 to 100000 (default: ${DEFAULT-VALUE}).")
    int legibilitySamples;

    @Option(names = "--legibility-from-t", paramLabel = "T1,T2,...", split = ",",
            description = "With --legibility: also the test digits diffused forward to each of these steps and brought "
                    + "back by the model's reverse chain (where along the chain the digits stop reading as digits).")
    int[] legibilityFromT;

    @Option(names = "--shapes", paramLabel = "MODEL",
            description = "Instead: the shapes of the flat patches in samples of a dead-leaves model (how round, how "
                    + "large, how much of the image is flat) beside the same figures for real dead-leaves images.")
    java.nio.file.Path shapesModel;

    @Option(names = "--shapes-samples", paramLabel = "N", defaultValue = "256",
            description = "With --shapes: samples drawn, and real images measured, 10 to 10000 (default: ${DEFAULT-VALUE}).")
    int shapesSamples;

    @Option(names = "--shapes-from-t", paramLabel = "T1,T2,...", split = ",",
            description = "With --shapes: also the real images diffused forward to each of these steps and brought back "
                    + "by the model's reverse chain (where along the chain the patches lose their shape).")
    int[] shapesFromT;

    @Option(names = "--judge-epochs", paramLabel = "N", defaultValue = "10",
            description = "With --legibility: passes of the judging classifier over the training digits, 1 to 100 "
                    + "(default: ${DEFAULT-VALUE}; fewer make a more cautious judge).")
    int judgeEpochs;

    @Option(names = "--seconds-budget", paramLabel = "S", defaultValue = "120",
            description = "Longest wall time to wait for K >= -2.15 bits, in seconds, > 0 (default: ${DEFAULT-VALUE}).")
    double secondsBudget;

    @Option(names = "--measure-seconds", paramLabel = "S", defaultValue = "5",
            description = "Measuring time of each iterations-per-second figure, in seconds, > 0 "
                    + "(default: ${DEFAULT-VALUE}; plus a 1 s warm-up and the JVM start).")
    double measureSeconds;

    /** The figures, in the order they are printed. */
    record Results(TrainingConfig config, int threads, Map<Integer, Double> itersPerSecond, double secondsToTarget,
                   double trainingSecondsToTarget, long iterationsToTarget, double bestHoldoutKBits,
                   double sampleSeconds, double matmulGflops512, double matmulGflopsTall, double trainFlopsPerIteration,
                   double sampleFlops) {

        double matmulGflops() {
            return Math.max(matmulGflops512, matmulGflopsTall);
        }

        double trainFraction() {
            Double ips = itersPerSecond.get(threads);
            return ips == null ? Double.NaN : trainFlopsPerIteration * ips / 1e9 / matmulGflops();
        }

        double sampleFraction() {
            return sampleFlops / sampleSeconds / 1e9 / matmulGflops();
        }
    }

    @Override
    int execute() throws Exception {
        if ((parzenModel != null ? 1 : 0) + (legibilityModel != null ? 1 : 0) + (shapesModel != null ? 1 : 0) > 1) {
            throw CliException.usage("--parzen, --legibility and --shapes are separate measurements; give one");
        }
        if (shapesModel != null) {
            return ShapesBench.run(this, shapesModel, shapesSamples, shapesFromT);
        }
        if (legibilityModel != null) {
            return LegibilityBench.run(this, legibilityModel, legibilitySamples, judgeEpochs, legibilityFromT);
        }
        if (parzenModel != null) {
            return ParzenBench.run(this, parzenModel, parzenSamples, parzenTest);
        }
        if (!(secondsBudget > 0) || !Double.isFinite(secondsBudget)) {
            throw CliException.usage("--seconds-budget must be a positive number of seconds, got " + secondsBudget);
        }
        if (!(measureSeconds > 0) || !Double.isFinite(measureSeconds)) {
            throw CliException.usage("--measure-seconds must be a positive number of seconds, got " + measureSeconds);
        }
        PrintWriter log = err();
        TrainingConfig config = TrainingConfig.defaults();
        int dims = DiffusionModel.datasetFor(config).dims();
        int threads = root().threads();

        Map<Integer, Double> ips = new LinkedHashMap<>();
        List<Integer> counts = new ArrayList<>(List.of(1, 2));
        if (!counts.contains(threads)) {
            counts.add(threads);
        }
        for (int n : counts) {
            log.printf(Locale.ROOT, "Measuring training speed with %d thread%s (child JVM, %.0f s)...%n", n,
                    n == 1 ? "" : "s", measureSeconds + 1);
            log.flush();
            ips.put(n, childItersPerSecond(n, measureSeconds));
        }

        log.println("Measuring matrix-multiply speed...");
        log.flush();
        double mm512 = matmulGflops(512, 512, 512);
        double mmTall = matmulGflops(4096, 64, 64);

        log.printf(Locale.ROOT, "Training until holdout K >= %.2f bits (at most %.0f s)...%n", TARGET_K_BITS, secondsBudget);
        log.flush();
        Trainer trainer = new Trainer(config);
        TrainingControl control = new TrainingControl();
        double[] hit = {Double.NaN, Double.NaN, Double.NaN, Double.NEGATIVE_INFINITY};
        long start = System.nanoTime();
        trainer.run(Budget.seconds(secondsBudget), control, SNAPSHOT_MILLIS, (Snapshot s) -> {
            double wall = (System.nanoTime() - start) / 1e9;
            hit[3] = Math.max(hit[3], s.holdoutKBits());
            if (Double.isNaN(hit[0]) && s.holdoutKBits() >= TARGET_K_BITS) {
                hit[0] = wall;
                hit[1] = s.seconds();
                hit[2] = s.iteration();
                control.cancel();
            } else if (wall >= secondsBudget) {
                control.cancel();
            }
        });

        log.println("Timing 10,000 samples...");
        log.flush();
        DiffusionModel model = trainer.model();
        ReverseSampler.sample(model.kernel(), 1000, 1);   // warm-up
        double sampleSeconds = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            ReverseSampler.sample(model.kernel(), SAMPLE_POINTS, 1 + rep);
            sampleSeconds = Math.min(sampleSeconds, (System.nanoTime() - t0) / 1e9);
        }

        Results r = new Results(config, threads, ips, hit[0], hit[1], Double.isNaN(hit[2]) ? -1 : (long) hit[2], hit[3],
                sampleSeconds, mm512, mmTall, Flops.trainingPerIteration(config, dims),
                Flops.sampling(config, dims, SAMPLE_POINTS));
        if (json) {
            out().println(toJson(r));
        } else {
            printTable(out(), r);
        }
        return 0;
    }

    static String toJson(Results r) {
        Json j = new Json()
                .put("version", Version.get())
                .put("threads", r.threads())
                .put("cpus", Runtime.getRuntime().availableProcessors())
                .put("iters_per_sec_1_thread", r.itersPerSecond().getOrDefault(1, Double.NaN))
                .put("iters_per_sec_2_threads", r.itersPerSecond().getOrDefault(2, Double.NaN));
        if (r.threads() > 2) {
            j.put("iters_per_sec_" + r.threads() + "_threads", r.itersPerSecond().get(r.threads()));
        }
        return j.put("seconds_to_k_minus_2_15", r.secondsToTarget())
                .put("training_seconds_to_k_minus_2_15", r.trainingSecondsToTarget())
                .put("iterations_to_k_minus_2_15", r.iterationsToTarget() < 0 ? Double.NaN : r.iterationsToTarget())
                .put("best_holdout_k_bits", r.bestHoldoutKBits())
                .put("sample_10k_seconds", r.sampleSeconds())
                .put("matmul_gflops", r.matmulGflops())
                .put("matmul_gflops_512x512x512", r.matmulGflops512())
                .put("matmul_gflops_4096x64x64", r.matmulGflopsTall())
                .put("train_flops_per_iteration", r.trainFlopsPerIteration())
                .put("sample_10k_flops", r.sampleFlops())
                .put("train_fraction_of_matmul", r.trainFraction())
                .put("sample_fraction_of_matmul", r.sampleFraction())
                .put("steps", r.config().steps())
                .put("architecture", r.config().architecture())
                .put("batch", r.config().batchSize())
                .toString();
    }

    static void printTable(PrintWriter o, Results r) {
        TrainingConfig c = r.config();
        o.printf(Locale.ROOT, "DiffusionLab %s bench: default settings (T = %d, architecture %s, batch %d), "
                        + "%d CPU cores, --threads %d%n%n", Version.get(), c.steps(), c.architecture(), c.batchSize(),
                Runtime.getRuntime().availableProcessors(), r.threads());
        for (Map.Entry<Integer, Double> e : r.itersPerSecond().entrySet()) {
            o.printf(Locale.ROOT, "%-44s %10.1f it/s%n", "Training speed, " + e.getKey() + " thread"
                    + (e.getKey() == 1 ? "" : "s"), e.getValue());
        }
        String target = String.format(Locale.ROOT, "Time to holdout K >= %.2f bits", TARGET_K_BITS);
        if (Double.isNaN(r.secondsToTarget())) {
            o.printf(Locale.ROOT, "%-44s %10s      (best K %.3f bits)%n", target, "not reached", r.bestHoldoutKBits());
        } else {
            o.printf(Locale.ROOT, "%-44s %10.1f s    (wall; %.1f s training, %,d iterations)%n", target,
                    r.secondsToTarget(), r.trainingSecondsToTarget(), r.iterationsToTarget());
        }
        o.printf(Locale.ROOT, "%-44s %10.3f s%n", "Sampling 10,000 points through all T steps", r.sampleSeconds());
        o.printf(Locale.ROOT, "%-44s %10.2f GFLOP/s%n", "Matrix multiply, float32, 512x512 by 512x512", r.matmulGflops512());
        o.printf(Locale.ROOT, "%-44s %10.2f GFLOP/s%n", "Matrix multiply, float32, 4096x64 by 64x64", r.matmulGflopsTall());
        Double ips = r.itersPerSecond().get(r.threads());
        o.printf(Locale.ROOT, "%-44s %10.2f GFLOP/s = %.1f%% of the best matmul speed%n",
                String.format(Locale.ROOT, "Training (%.1f MFLOP per iteration)", r.trainFlopsPerIteration() / 1e6),
                ips == null ? Double.NaN : r.trainFlopsPerIteration() * ips / 1e9, 100 * r.trainFraction());
        o.printf(Locale.ROOT, "%-44s %10.2f GFLOP/s = %.1f%% of the best matmul speed%n",
                String.format(Locale.ROOT, "Sampling (%.1f MFLOP for 10,000 points)", r.sampleFlops() / 1e6),
                r.sampleFlops() / r.sampleSeconds() / 1e9, 100 * r.sampleFraction());
        o.println();
        o.println("FLOPs count the network's matrix products only (training = 3 x forward on batch x (T - 1) rows;");
        o.println("sampling = the network at t = T..2 for every point), so the fractions are lower bounds.");
    }

    /** Best-of-several float32 GFLOP/s of an [m, k] x [k, n] product. */
    static double matmulGflops(int m, int k, int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        double flops = 2.0 * m * k * n;
        for (int i = 0; i < 3; i++) {
            a.mmuli(b, c);
        }
        // Repetitions per trial so that one trial takes about 0.1 s.
        long t0 = System.nanoTime();
        a.mmuli(b, c);
        double once = Math.max(1e-7, (System.nanoTime() - t0) / 1e9);
        int reps = (int) Math.max(1, Math.min(100_000, 0.1 / once));
        double best = 0;
        for (int trial = 0; trial < 7; trial++) {
            long s = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                a.mmuli(b, c);
            }
            double seconds = (System.nanoTime() - s) / 1e9;
            best = Math.max(best, flops * reps / seconds / 1e9);
        }
        return best;
    }

    /** Runs {@code bench-worker} in a child JVM with the given thread count; returns its one number. */
    double childItersPerSecond(int threads, double seconds) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"),
                DiffusionLabCli.class.getName(), "--threads", Integer.toString(threads),
                "bench-worker", "--seconds", Double.toString(seconds));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        Thread drainErr = new Thread(() -> copy(p.getErrorStream(), errBytes), "bench-worker-stderr");
        drainErr.setDaemon(true);
        drainErr.start();
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        copy(p.getInputStream(), outBytes);
        if (!p.waitFor((long) (seconds + 120), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw CliException.failure("The " + threads + "-thread speed measurement did not finish in time", null);
        }
        drainErr.join(1000);
        String text = outBytes.toString(StandardCharsets.UTF_8).trim();
        String lastLine = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1).trim();
        try {
            if (p.exitValue() == 0) {
                return Double.parseDouble(lastLine);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String why = errBytes.toString(StandardCharsets.UTF_8).trim();
        throw CliException.failure("The " + threads + "-thread speed measurement failed (exit " + p.exitValue()
                + (why.isEmpty() ? "" : ": " + why) + ")", null);
    }

    private static void copy(InputStream in, ByteArrayOutputStream to) {
        try (in) {
            in.transferTo(to);
        } catch (IOException e) {
            // the child is gone; whatever came is kept
        }
    }
}
