package org.diffusionlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.diffusionlab.data.SwissRoll;
import org.diffusionlab.engine.gaussian.BestScheduleSearch;
import org.diffusionlab.engine.gaussian.Evaluation;
import org.diffusionlab.engine.gaussian.Evaluator;
import org.diffusionlab.engine.gaussian.OptimalKernelBound;
import org.diffusionlab.engine.io.SavedModel;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.schedule.ScheduleCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evaluate}: the bound K, the importance-sampled log-likelihood and their parts, on a fresh holdout. */
@Command(name = "evaluate",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        versionProvider = DiffusionLabCli.VersionProvider.class,
        headerHeading = "%n",
        header = "Evaluate a saved model on fresh held-out data (all figures in bits per data point).",
        description = {
                "Prints the bound K +/- its standard error, K - L_null (L_null: log-likelihood under the unit "
                        + "Gaussian), the log-likelihood estimated by importance sampling over forward paths "
                        + "(it should come out at or above K), the ceiling (the best any model with this beta_1 "
                        + "can reach), the entropy terms of K and the KL term of every step t = 2..T. For the swiss "
                        + "roll also the bound of the best possible Gaussian kernel under the model's schedule, in "
                        + "total and per step: what no network of this form can beat.",
                "The paper reports K = 2.35 bits and K - L_null = 6.45 bits for the swiss roll."},
        footerHeading = "%nExamples:%n",
        footer = {"  diffusionlab evaluate roll.dlab",
                "  diffusionlab evaluate roll.dlab --n 100000 --is-points 2000 --seed 7",
                "  diffusionlab evaluate roll.dlab --json > roll-eval.json",
                "",
                "Exit codes: 0 success; 1 a write failed; 2 bad arguments, options that do not apply to the model's "
                        + "kind, or a model file that is missing or cannot be read (see 'diffusionlab --help')."})
final class EvaluateCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "Model file written by 'train'.")
    Path file;

    @Option(names = "--n", paramLabel = "N", defaultValue = "10000",
            description = "Held-out points for K and the ceiling, 2 to 1000000 (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--is-points", paramLabel = "N", defaultValue = "1000",
            description = "Points (the first of the holdout) for the importance-sampled log-likelihood, "
                    + "0 to --n; 0 skips it (default: ${DEFAULT-VALUE}, or --n if smaller).")
    int isPoints;

    @Option(names = "--is-paths", paramLabel = "M", defaultValue = "100",
            description = "Forward paths per point for importance sampling, 1 to 100000 (default: ${DEFAULT-VALUE}).")
    int isPaths;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the holdout and of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--draws", paramLabel = "M",
            description = "Heartbeat models only: draws of x_t per sequence and step for K, 2 to 10000 (default 100); "
                    + "--n is then the number of samples checked against the true heartbeats.")
    Integer draws;

    @Option(names = "--search-schedule", paramLabel = "ITERATIONS", arity = "0..1", fallbackValue = "30",
            description = "Swiss-roll models only: also search for the schedule (same T and beta_1) under which the "
                    + "best Gaussian kernel's bound is highest, and compare it with the model's schedule on the "
                    + "held-out points: the best any network of this form can reach. 1 to 1000 iterations "
                    + "(default 30 when given without a value; about 10 s each for T = 40).")
    Integer searchIterations;

    @Option(names = "--schedule-out", paramLabel = "FILE",
            description = "With --search-schedule: write the schedule found as a CSV (t,beta), which 'train "
                    + "--schedule-csv' and the Schedule pane read.")
    Path scheduleOut;

    @Option(names = "--images", paramLabel = "N", defaultValue = "200",
            description = "Image models only: held-out images for K (exact sum over t), 2 to 10000 (default: ${DEFAULT-VALUE}).")
    int images;

    @Override
    int execute() throws Exception {
        // The file is read first (its kind decides which options apply), then the options are judged.
        if (org.diffusionlab.engine.image.ImageModelFile.isImageModel(file)) {
            refuseOptionsFor(file, "an image model", "--n", "--is-points", "--is-paths", "--draws", "--search-schedule",
                    "--schedule-out");
            return ImageCommands.evaluate(this, images);
        }
        if (HeartbeatEvaluate.handles(file)) {
            refuseOptionsFor(file, "a heartbeat model", "--is-points", "--is-paths", "--images", "--search-schedule",
                    "--schedule-out");
            return HeartbeatEvaluate.execute(this);          // a binomial (heartbeat) model
        }
        SavedModel saved = ModelFiles.load(file);
        refuseOptionsFor(file, "a 2-D model", "--draws", "--images");
        if (n < 2 || n > 1_000_000) {
            throw CliException.usage("--n must be between 2 and 1000000 points, got " + n);
        }
        if (!given("--is-points")) {
            isPoints = Math.min(isPoints, n);       // the default never exceeds --n
        }
        if (isPoints < 0 || isPoints > n) {
            throw CliException.usage("--is-points must be between 0 and --n (" + n + "), got " + isPoints);
        }
        if (isPaths < 1 || isPaths > 100_000) {
            throw CliException.usage("--is-paths must be between 1 and 100000, got " + isPaths);
        }
        if (searchIterations != null && (searchIterations < 1 || searchIterations > 1000)) {
            throw CliException.usage("--search-schedule must be between 1 and 1000 iterations, got " + searchIterations);
        }
        if (scheduleOut != null && searchIterations == null) {
            throw CliException.usage("--schedule-out needs --search-schedule");
        }
        if (scheduleOut != null) {
            OutputFiles.checkWritable(scheduleOut, "--schedule-out");
        }
        if (searchIterations != null && !(saved.model().dataset() instanceof SwissRoll)) {
            throw CliException.usage("--search-schedule applies to swiss-roll models only (the best kernel needs the "
                    + "data's density)");
        }
        long start = System.nanoTime();
        double[][] holdout = Evaluator.holdout(saved.model(), n, seed);
        Evaluation e = Evaluator.evaluate(saved.model(), holdout, isPoints, isPaths, seed);
        OptimalKernelBound.Result best = saved.model().dataset() instanceof SwissRoll roll
                ? OptimalKernelBound.compute(roll, saved.model().schedule(), holdout, seed) : null;
        double seconds = (System.nanoTime() - start) / 1e9;
        BestScheduleSearch.Result search = null;
        if (searchIterations != null) {
            PrintWriter err = err();
            double[][] searchPoints = Evaluator.holdout(saved.model(), SEARCH_POINTS, seed + 1_000_003L);
            search = BestScheduleSearch.search((SwissRoll) saved.model().dataset(),
                    saved.model().schedule(), searchPoints, holdout, searchIterations, seed,
                    p -> {
                        err.printf(Locale.ROOT, "schedule search %d/%d: best kernel K %.4f bits (search points)%n",
                                p.iteration(), p.iterations(), p.kBits());
                        err.flush();
                    });
            if (scheduleOut != null) {
                String csv = ScheduleCsv.format(search.best());
                try {
                    OutputFiles.writeText(scheduleOut.toString(), out(), w -> w.write(csv));
                } catch (java.io.IOException writeError) {
                    throw writeFailed(scheduleOut, writeError);
                }
            }
        }
        if (json) {
            out().println(toJson(file, saved, e, best, search, seed, seconds));
        } else {
            printTable(out(), file, saved, e, best, seed, seconds);
            if (search != null) {
                printSearch(out(), search, e.points());
            }
        }
        return 0;
    }

    /** Points the schedule search climbs on (the comparison uses the evaluation's own held-out points). */
    static final int SEARCH_POINTS = 2000;

    void printSearch(PrintWriter o, BestScheduleSearch.Result r, int points) {
        o.printf(Locale.ROOT, "%nSchedule search: %d iterations on %,d other points, log beta between knots; compared on "
                + "the %,d held-out points above:%n", searchIterations, SEARCH_POINTS, points);
        o.printf(Locale.ROOT, "Best Gaussian kernel K, model's schedule     %s%n", pm(r.startFreshBits(), r.freshSeBits()));
        o.printf(Locale.ROOT, "Best Gaussian kernel K, schedule found       %s%n", pm(r.bestFreshBits(), r.freshSeBits()));
        o.printf(Locale.ROOT, "(the two share their points and noise, so their difference, %+.4f, is far more precise "
                + "than either)%n", r.bestFreshBits() - r.startFreshBits());
        if (scheduleOut != null) {
            o.println("Schedule found written to " + scheduleOut);
        }
    }

    static String toJson(Path file, SavedModel saved, Evaluation e, OptimalKernelBound.Result best,
                         BestScheduleSearch.Result search, long seed, double seconds) {
        var c = saved.model().config();
        Json j = new Json()
                .put("file", file.toAbsolutePath().normalize().toString())
                .put("n", e.points())
                .put("seed", seed)
                .put("k_bits", e.kBits())
                .put("k_se_bits", e.kStandardErrorBits())
                .put("k_minus_lnull_bits", e.kMinusNullBits())
                .put("lnull_bits", e.nullBits())
                .put("is_loglik_bits", e.isLogLikelihoodBits())
                .put("is_se_bits", e.isStandardErrorBits())
                .put("is_points", e.isPoints())
                .put("is_paths", e.isPaths())
                .put("ceiling_bits", e.ceilingBits())
                .put("entropy_terms_bits", e.entropyTermsBits())
                .put("per_step_kl_bits", e.perStepKlBits())
                .put("best_kernel_k_bits", best == null ? Double.NaN : best.kBits())
                .put("best_kernel_k_se_bits", best == null ? Double.NaN : best.kSeBits())
                .put("best_kernel_per_step_kl_bits", best == null ? new double[0] : best.perStepKlBits())
                .put("best_full_covariance_kernel_k_bits", best == null ? Double.NaN : best.fullCovarianceKBits())
                .put("best_full_covariance_kernel_per_step_kl_bits", best == null ? new double[0] : best.perStepFullKlBits())
                .put("betas", saved.model().schedule().betas())
                .put("dataset", c.dataset())
                .put("steps", c.steps())
                .put("architecture", c.architecture())
                .put("covariance", c.covariance().id())
                .put("learned_beta", c.learnBeta())
                .put("iterations", saved.iterations())
                .put("training_seconds", saved.trainingSeconds())
                .put("created_by", saved.createdBy())
                .put("seconds", seconds);
        if (search != null) {
            j.put("searched_schedule_best_kernel_k_bits", search.bestFreshBits())
                    .put("model_schedule_best_kernel_k_bits", search.startFreshBits())
                    .put("searched_schedule_betas", search.best().betas());
        }
        return j.toString();
    }

    static void printTable(PrintWriter o, Path file, SavedModel saved, Evaluation e, OptimalKernelBound.Result best,
                           long seed, double seconds) {
        o.println("Model  " + file);
        o.println("       " + ModelFiles.describe(saved));
        o.printf(Locale.ROOT, "Data   %,d fresh held-out points (seed %d), evaluated in %.1f s%n%n", e.points(), seed,
                seconds);
        o.println("                              bits per point");
        o.printf(Locale.ROOT, "Bound K                       %s%n", pm(e.kBits(), e.kStandardErrorBits()));
        o.printf(Locale.ROOT, "K - L_null                    %s%n", num(e.kMinusNullBits()));
        o.printf(Locale.ROOT, "IS log-likelihood             %s%s%n", pm(e.isLogLikelihoodBits(), e.isStandardErrorBits()),
                e.isPoints() > 0 ? String.format(Locale.ROOT, "   (%,d points x %,d paths)", e.isPoints(), e.isPaths())
                        : "   (skipped: --is-points 0)");
        o.printf(Locale.ROOT, "Ceiling                       %s%s%n", num(e.ceilingBits()),
                Double.isNaN(e.ceilingBits()) ? "   (not known for this data set)" : "   (best possible with this beta_1)");
        if (best != null) {
            // each form's best is the figure no network of that form beats under this schedule
            boolean full = saved.model().config().covariance() == KernelForm.FULL;
            o.printf(Locale.ROOT, "Best Gaussian kernel K        %s   (moment-matched diagonal, this schedule: %s)%n",
                    pm(best.kBits(), best.kSeBits()), full ? "the paper's form" : "no network beats it");
            o.printf(Locale.ROOT, "  with a full covariance      %s   (%s)%n", num(best.fullCovarianceKBits()),
                    full ? "this model's form: no network beats it" : "not the paper's diagonal kernel; for comparison");
        }
        o.printf(Locale.ROOT, "L_null (unit Gaussian)        %s%n", num(e.nullBits()));
        o.printf(Locale.ROOT, "Entropy terms                 %s   (H_q(X_T|X_0) - H_q(X_1|X_0) - H_p(X_T))%n",
                num(e.entropyTermsBits()));
        double[] kl = e.perStepKlBits();
        double sum = 0;
        for (int t = 2; t < kl.length; t++) {
            sum += kl[t];
        }
        o.printf(Locale.ROOT, "Sum of KL terms, t = 2..T     %s   (K = entropy terms - sum)%n%n", num(sum));
        // beside each step's KL, the best kernel of the model's own form
        boolean full = saved.model().config().covariance() == KernelForm.FULL;
        printPerStep(o, kl, best == null ? null : full ? best.perStepFullKlBits() : best.perStepKlBits(),
                saved.model().schedule());
    }

    /** The per-step KL table in up to three column groups, with the best kernel's KL beside it when known. */
    static void printPerStep(PrintWriter o, double[] kl, double[] bestKl, BetaSchedule schedule) {
        int steps = kl.length - 1;
        int rows = steps - 1;                       // t = 2..T
        int groups = rows <= 12 ? 1 : rows <= 40 ? 2 : 3;
        int perGroup = (rows + groups - 1) / groups;
        o.println("Per-step KL( q(x_{t-1}|x_t,x_0) || p(x_{t-1}|x_t) ), bits"
                + (bestKl == null ? ":" : "; best: the best Gaussian kernel's:"));
        StringBuilder head = new StringBuilder();
        for (int g = 0; g < groups; g++) {
            head.append(g == 0 ? "" : "    ").append(String.format(Locale.ROOT, "%4s %10s %9s", "t", "beta_t", "KL"));
            if (bestKl != null) {
                head.append(String.format(Locale.ROOT, " %8s", "best"));
            }
        }
        o.println(head);
        for (int r = 0; r < perGroup; r++) {
            StringBuilder line = new StringBuilder();
            for (int g = 0; g < groups; g++) {
                int t = 2 + g * perGroup + r;
                if (t > steps) {
                    break;
                }
                line.append(g == 0 ? "" : "    ").append(String.format(Locale.ROOT, "%4d %10.3e %9.4f", t,
                        schedule.beta(t), kl[t]));
                if (bestKl != null) {
                    line.append(String.format(Locale.ROOT, " %8.4f", bestKl[t]));
                }
            }
            o.println(line);
        }
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%8.4f", v) : "     n/a";
    }

    static String pm(double v, double se) {
        return num(v) + (Double.isFinite(v) && Double.isFinite(se) ? String.format(Locale.ROOT, " +/- %.4f", se) : "");
    }
}
