package org.diffusionlab.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffusionlab.Version;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.gaussian.GaussianMath;
import org.diffusionlab.engine.io.ModelFile;
import org.diffusionlab.engine.io.SavedModel;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.schedule.ScheduleCsv;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.Trainer;
import org.diffusionlab.engine.train.TrainingConfig;
import org.diffusionlab.engine.train.TrainingControl;
import org.diffusionlab.engine.train.TrainingDivergedException;
import org.diffusionlab.engine.train.TrainingStatus;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train}: trains a model from a preset with overrides, showing progress, and saves it. */
@Command(name = "train",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        versionProvider = DiffusionLabCli.VersionProvider.class,
        headerHeading = "%n",
        header = "Train a diffusion model and save it to a model file.",
        description = {
                "Starts from a preset, applies the options given, trains by gradient ascent on the bound K "
                        + "(exact sum over t = 2..T) and saves the model atomically. Progress (iteration, "
                        + "iterations/s, elapsed time, K on a fixed holdout) goes to stderr; the summary to stdout.",
                "Ctrl-C stops training early and still saves the model.",
                "Divergence: a run whose holdout K is not finite, or falls more than "
                        + "10 bits (images: 1 bit per pixel) below the best it has reached, has diverged: more than "
                        + "all that training gains on the swiss roll (-4.1 bits untrained, +2.3 trained), so an honest "
                        + "run's noise never comes near it. Training then stops, the best parameters seen (by holdout "
                        + "K) are saved, and the command exits 1. A model without a finite K is never saved.",
                "Presets: 'default' is the fast setup (noisy roll, small network, learned beta); 'paper' is the "
                        + "setup compared with the paper's Table 1 (noise-free roll, beta_1 = 1e-5, a larger "
                        + "network, lr 0.03 annealed to a hundredth). Every option left out takes the preset's value; presets are tuned between "
                        + "versions, so --dry-run prints the exact settings, and the model file records them."},
        footerHeading = "%nExamples:%n",
        footer = {"  diffusionlab train --out roll.dlab",
                "  diffusionlab train --preset paper --seconds 600 --out paper.dlab",
                "  diffusionlab train --preset paper --lr 1e-3 --dry-run",
                "  diffusionlab train --arch paper --fixed-beta --iterations 5000 -o small.dlab",
                "  diffusionlab train --fixed-beta --schedule-csv my-schedule.csv -o custom.dlab",
                "",
                "Exit codes: 0 saved; 1 training diverged (the best model seen is saved, see above) or a write "
                        + "failed; 2 bad arguments or input files; 130/143 never: Ctrl-C or SIGTERM saves and exits 0."})
final class TrainCommand extends CliCommand {

    /** How often the holdout is evaluated and the progress line refreshed. */
    static final long SNAPSHOT_INTERVAL_MILLIS = 500;
    /** How often a plain progress line is printed when stderr is not a terminal. */
    static final double PLAIN_PROGRESS_SECONDS = 5;
    /** The budget when neither --iterations nor --seconds is given. */
    static final double DEFAULT_SECONDS = 60;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Data set: ${COMPLETION-CANDIDATES} (default: the preset's).",
            completionCandidates = Datasets.class)
    String dataset;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "default",
            description = "Starting settings: default or paper (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = {"--T", "--steps"}, paramLabel = "T",
            description = "Number of diffusion steps T, 2 to 1000 (the paper: 40).")
    Integer steps;

    @Option(names = "--schedule", paramLabel = "NAME",
            description = "Base beta schedule: released (the original code's 1/linspace(T, 2, T)), linear, cosine, "
                    + "constant or binomial (the paper's 1/(T - t + 1)). With learned beta it is the starting point.")
    String schedule;

    @Option(names = "--schedule-csv", paramLabel = "FILE",
            description = "Train on the schedule in FILE (header t,beta, rows t = 1..T, as the Schedule pane saves "
                    + "it) instead of a named one; it sets T, and beta_1 unless --beta1 is given.")
    Path scheduleCsv;

    @Option(names = "--arch", paramLabel = "NAME",
            description = "Reverse-kernel network: default (the fast one), paper (16 radial-basis units and a "
                    + "readout per step, as in the paper), large, or a custom KIND:WIDTH[,WIDTH...][+bias][+local] "
                    + "with KIND rbf, tanh, softplus or relu, +bias for a per-step input bias and +local for a locally "
                    + "linear readout, e.g. rbf:32,16+bias. "
                    + "Image data sets take ms:cCHANNELSxCONVS@SCALES[/gH[,H]xK][/pCxL]/dWIDTH/jJ[/tb], "
                    + "e.g. ms:c32x2@1,2,4/g256x2/p32x2/d32/j10 (see the README); /tb gives every hidden layer a bias "
                    + "that depends on t (not in the paper), and is the one change --init allows; hs: instead of ms: chains "
                    + "the scales, each coarser one convolving the previous one's output (a U-Net's encoder, not in the "
                    + "paper).")
    String architecture;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    BudgetOptions budget;

    static final class BudgetOptions {
        @Option(names = "--iterations", paramLabel = "N", required = true,
                description = "Stop after N iterations (N >= 1).")
        Long iterations;

        @Option(names = "--seconds", paramLabel = "S", required = true,
                description = "Stop after S seconds of training, S > 0 (holdout evaluations not counted). "
                        + "Default when neither is given: 60 s.")
        Double seconds;
    }

    @Option(names = "--fixed-beta",
            description = "Keep the schedule fixed instead of learning beta_2..T by gradient ascent on K "
                    + "(the paper learns them; the released code did not).")
    boolean fixedBeta;

    @Option(names = "--no-anneal",
            description = "Keep the learning rate constant. By default it is lowered along a cosine to a fraction "
                    + "of --lr (--anneal-to) by the end of the budget (large steps early, fine ones late).")
    boolean noAnneal;

    @Option(names = "--anneal-to", paramLabel = "F",
            description = "Fraction of --lr that the annealing cosine reaches at the end of the budget, 0 to 1 "
                    + "(default: the preset's, 0.1 for default and 0.01 for paper).")
    Double annealTo;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of every random choice (integer): the same settings and seed give the same model.")
    Long seed;

    @Option(names = "--lr", paramLabel = "X",
            description = "Learning rate (optimiser step size), in (0, 1].")
    Double learningRate;

    @Option(names = "--batch", paramLabel = "N",
            description = "Data points per iteration, 1 to 65536; each is diffused to every t = 2..T.")
    Integer batchSize;

    @Option(names = "--beta1", paramLabel = "X",
            description = "beta_1, the variance of the first forward step (never learned), in (0, 0.5).")
    Double beta1;

    @Option(names = "--noise", paramLabel = "X",
            description = "Standard deviation of the noise added to the data, in the data's raw units, "
                    + "0 to 5 (0 = the paper's noise-free roll).")
    Double noise;

    @Option(names = "--data-csv", paramLabel = "FILE",
            description = "Train on your own 2-D points instead: a CSV of two numeric columns x, y (an optional "
                    + "header line; # comments). The delimiter is read off the file: ';' if any line has one, else "
                    + "tabs, else ',', else spaces; with ';', tabs or spaces the decimal mark may be a comma "
                    + "(0,5;1,5). A line that cannot be read one way only (another number of columns, a mix of "
                    + "decimal marks) is refused with its number (exit 2). Each iteration draws from these points "
                    + "plus --noise, in the file's units; the points are saved in the model file.")
    Path dataCsv;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE",
            description = "Model file to write (required unless --dry-run; replaced atomically if it exists), "
                    + "e.g. roll.dlab.")
    Path out;

    @Option(names = "--bumps", paramLabel = "J",
            description = "--dataset heartbeat only: temporal bump functions of the network, 1 to 64 (default 16).")
    Integer bumps;

    @Option(names = "--kernel", paramLabel = "NAME",
            description = "--dataset heartbeat only: x0 (the network predicts x_0; default) or logit-offset "
                    + "(an offset to the forward kernel's logit).")
    String kernel;

    @Option(names = "--covariance", paramLabel = "FORM",
            description = "2-D data only: the reverse kernel's covariance, diagonal (the paper's form; default) or "
                    + "full (a 2x2 covariance that can follow the swiss roll's slant; beyond the paper).")
    String covariance;

    /** The betas of --schedule-csv (set by {@link #config()}), or null. */
    private BetaSchedule csvSchedule;

    @Option(names = "--size", paramLabel = "PIXELS",
            description = "Image data sets only: side length of the square images, 8 to 128 (default 28).")
    Integer size;

    @Option(names = "--t-sampling", paramLabel = "NAME",
            description = "Image data sets only: how each image's t is drawn for the bound's estimate, uniform "
                    + "(default) or importance (in proportion to the root mean square of each t's recent terms; "
                    + "the same bound, less noise).")
    String tSampling;

    @Option(names = "--weighting", paramLabel = "NAME",
            description = "Image data sets only: what the gradient ascends, bound (default: K itself, as in the paper) "
                    + "or noise (each step's KL term reweighted so that every t counts its error in the predicted "
                    + "noise equally, Ho et al. 2020; K is still what is reported).")
    String weighting;

    @Option(names = "--init", paramLabel = "MODEL",
            description = "Image data sets only: start from this image model's weights (fine-tuning); its network, "
                    + "image size and diffusion are taken, and its iterations and history carried on.")
    Path init;

    @Option(names = "--ema-out", paramLabel = "FILE",
            description = "Image data sets only: also keep an exponential moving average of the weights and write "
                    + "it as a second model file (the holdout K of both is printed at the end).")
    Path emaOut;

    @Option(names = "--ema-decay", paramLabel = "D",
            description = "Image data sets only, with --ema-out: the average's decay per iteration, 0 to 0.99999 "
                    + "(default 0.999: about the last 1,000 iterations).")
    Double emaDecay;

    @Option(names = "--dry-run",
            description = "Print the settings (preset plus options) and the budget, then exit without training.")
    boolean dryRun;

    /** Completion candidates and help text for --dataset. */
    static final class Datasets extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Datasets() {
            super(TrainingConfig.DATASETS);
            addAll(org.diffusionlab.engine.binomial.BinomialConfig.DATASETS);
            addAll(org.diffusionlab.data.ImageDatasets.NAMES);    // image models: see ImageCommands
        }
    }

    /** Exit 2 when an option that only image data sets take was given for other data. */
    void refuseImageOnlyOptions() {
        if (size != null || tSampling != null || emaOut != null || emaDecay != null || weighting != null || init != null) {
            throw CliException.usage("--size, --t-sampling, --weighting, --init, --ema-out and --ema-decay apply to "
                    + "image data sets only");
        }
    }

    @Override
    int execute() throws Exception {
        if (covariance != null && (HeartbeatTrain.handles(dataset)
                || dataset != null && org.diffusionlab.data.ImageDatasets.isImageDataset(dataset))) {
            throw CliException.usage("--covariance applies to 2-D data sets only");
        }
        if (dataset != null && org.diffusionlab.data.ImageDatasets.isImageDataset(dataset)) {
            return ImageCommands.train(this);
        }
        if (HeartbeatTrain.handles(dataset)) {
            return new HeartbeatTrain(this).execute();      // binary data: binomial diffusion
        }
        if (bumps != null || kernel != null) {
            throw CliException.usage("--bumps and --kernel apply to --dataset heartbeat only");
        }
        refuseImageOnlyOptions();
        Budget b = budget();
        TrainingConfig config = config();
        annealFloor();                                   // refuses a bad --anneal-to before anything else
        if (dryRun) {
            printSettings(config, b);
            return 0;
        }
        if (out == null) {
            throw CliException.usage("Missing required option: '--out=FILE' (the model file to write)");
        }
        Path target = OutputFiles.checkWritable(out, "--out");
        checkCanSave(config, startSchedule(config), target);

        PrintErr progress = new PrintErr(err(), root().interactive());
        progress.line(String.format(Locale.ROOT, "Training %s: T = %d, architecture %s, %s covariance, %s beta "
                        + "(%s schedule), lr %s, batch %d, seed %d; budget %s. Ctrl-C stops early and saves.",
                config.dataset(), config.steps(), config.architecture(), config.covariance().id(),
                config.learnBeta() ? "learned" : "fixed",
                config.schedule(), config.learningRate(), config.batchSize(), config.seed(), describe(b)));

        Trainer trainer = new Trainer(config, startSchedule(config));
        trainer.setAnnealing(!noAnneal);
        trainer.setAnnealFloor(annealFloor());
        TrainingControl control = new TrainingControl();
        try (StopOnCtrlC ctrlC = new StopOnCtrlC(control::cancel, 60)) {
            long startNanos = System.nanoTime();
            Snapshot last;
            String divergedMessage = null;
            try {
                last = trainer.run(b, control, SNAPSHOT_INTERVAL_MILLIS,
                        s -> progress.progress(s, b, (System.nanoTime() - startNanos) / 1e9));
                if (last.status() == TrainingStatus.DIVERGED) {
                    divergedMessage = last.message();
                }
            } catch (TrainingDivergedException e) {
                divergedMessage = e.getMessage();
            }
            progress.endProgress();
            double wallSeconds = (System.nanoTime() - startNanos) / 1e9;

            double holdoutK = trainer.history().isEmpty() ? trainer.evaluateHoldout()
                    : trainer.history().get(trainer.history().size() - 1).holdoutKBits();
            refuseNonFinite(holdoutK, target, divergedMessage);
            SavedModel saved = new SavedModel(trainer.model(), trainer.history(), trainer.iteration(),
                    trainer.trainingSeconds(), Version.get(), Instant.now());
            try {
                ModelFile.save(target, saved);
            } catch (IllegalArgumentException e) {
                throw CliException.failure("Cannot save model file " + target + ": " + e.getMessage(), e);
            } catch (java.io.IOException e) {
                throw writeFailed(target, e);
            }

            int dims = saved.model().dims();
            if (control.isCancelled() && divergedMessage == null) {
                out().println("Stopped early (interrupted).");
            }
            out().printf(Locale.ROOT, "Trained %,d iterations in %.1f s of training (%.1f s wall, %.1f it/s).%n",
                    trainer.iteration(), trainer.trainingSeconds(), wallSeconds,
                    trainer.iteration() / Math.max(1e-9, trainer.trainingSeconds()));
            out().printf(Locale.ROOT, "Holdout K = %.4f bits per point (K - L_null = %.4f bits; %d holdout points).%n",
                    holdoutK, holdoutK - GaussianMath.nullLogLikelihoodBits(dims), config.holdoutSize());
            out().println("Saved " + target);
            if (divergedMessage != null) {
                throw new CliException(DiffusionLabCli.EXIT_FAILURE, divergedMessage
                        + " That model was saved to " + target + ".");
            }
            return 0;
        }
    }

    /**
     * Never saves a model whose bound on the holdout is not finite (its samples would be NaN): exit 1, the target
     * untouched.
     */
    static void refuseNonFinite(double holdoutKBits, Path target, String divergedMessage) {
        if (!Double.isFinite(holdoutKBits)) {
            throw new CliException(DiffusionLabCli.EXIT_FAILURE, (divergedMessage != null ? divergedMessage + " " : "")
                    + "The model's holdout K is " + holdoutKBits + ", so it was not saved; " + target + " is unchanged.");
        }
    }

    /**
     * Saves the untrained model beside the target and deletes it again, so that a model the file format cannot
     * hold, or a folder that refuses the file, fails now rather than after the whole training run.
     */
    static void checkCanSave(TrainingConfig config, BetaSchedule schedule, Path target) throws java.io.IOException {
        Path probe = target.resolveSibling("." + target.getFileName() + ".check-" + ProcessHandle.current().pid());
        try {
            ModelFile.save(probe, new SavedModel(DiffusionModel.untrained(config, schedule), List.of(), 0, 0,
                    Version.get(), Instant.now()));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("these settings cannot be saved in a model file: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw writeFailed(target, e);      // the hidden probe's name would only confuse
        } finally {
            deleteQuietly(probe);
        }
    }

    /** Removes the probe file if it is there; a folder that refused it may refuse this too. */
    static void deleteQuietly(Path probe) {
        try {
            java.nio.file.Files.deleteIfExists(probe);
        } catch (java.io.IOException ignored) {
            // nothing was created
        }
    }

    /** The budget from --iterations / --seconds (60 s by default). */
    Budget budget() {
        if (budget == null) {
            return Budget.seconds(DEFAULT_SECONDS);
        }
        if (budget.iterations != null) {
            if (budget.iterations < 1) {
                throw CliException.usage("--iterations must be at least 1, got " + budget.iterations);
            }
            return Budget.iterations(budget.iterations);
        }
        if (!(budget.seconds > 0) || !Double.isFinite(budget.seconds)) {
            throw CliException.usage("--seconds must be a positive number of seconds, got " + budget.seconds);
        }
        return Budget.seconds(budget.seconds);
    }

    /** The schedule training starts from: the config's preset, or the --schedule-csv file's betas. */
    BetaSchedule startSchedule(TrainingConfig c) {
        return c.hasCustomSchedule() ? csvSchedule.withBeta1(c.beta1()) : c.baseSchedule();
    }

    /** --schedule-csv read (exit 2 naming the file and the cause if it cannot be), or null. */
    private BetaSchedule readScheduleCsv() {
        if (scheduleCsv == null) {
            return null;
        }
        if (schedule != null) {
            throw CliException.usage("give --schedule or --schedule-csv, not both");
        }
        try {
            return ScheduleCsv.load(scheduleCsv, TrainingConfig.CUSTOM);
        } catch (java.io.IOException e) {
            throw CliException.usage("--schedule-csv: " + e.getMessage());    // bad input, as --data-csv (exit 2)
        }
    }

    /** The preset with the options given applied; every refusal is reported at once (exit 2). */
    TrainingConfig config() {
        csvSchedule = readScheduleCsv();
        TrainingConfig base;
        try {
            base = TrainingConfig.preset(preset);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--preset: " + e.getMessage());
        }
        String ds = dataset != null ? dataset : base.dataset();
        if (dataCsv != null) {
            if (dataset != null) {
                throw CliException.usage("give either --dataset or --data-csv, not both");
            }
            ds = UserDataFiles.register(dataCsv);
        } else if (org.diffusionlab.data.UserData.isId(ds)
                && org.diffusionlab.data.Datasets.user(ds).isEmpty()) {
            throw CliException.usage("--dataset " + ds + " names user data; give the points with --data-csv FILE");
        }
        double ns = noise != null ? noise : base.noiseStd();
        int t = steps != null ? steps : base.steps();
        String sched = schedule != null ? schedule : base.schedule();
        double b1 = beta1 != null ? beta1 : base.beta1();
        if (csvSchedule != null) {
            if (steps != null && steps != csvSchedule.steps()) {
                throw CliException.usage("--T " + steps + " disagrees with --schedule-csv " + scheduleCsv + ", which has T = "
                        + csvSchedule.steps());
            }
            t = csvSchedule.steps();
            sched = TrainingConfig.CUSTOM;
            b1 = beta1 != null ? beta1 : csvSchedule.beta(1);
        }
        String arch = architecture != null ? architecture : base.architecture();
        double lr = learningRate != null ? learningRate : base.learningRate();
        int batch = batchSize != null ? batchSize : base.batchSize();
        List<String> problems = TrainingConfig.problems(ds, ns, t, sched, b1, arch, base.optimizer(), lr, batch,
                base.holdoutSize());
        if (!problems.isEmpty()) {
            throw CliException.usage("invalid training settings: " + String.join("; ", problems));
        }
        try {
            TrainingConfig c = base.withDataset(ds).withSteps(t).withSchedule(sched).withArchitecture(arch)
                    .withOptimizer(base.optimizer(), lr, batch).withData(ns, b1);
            if (seed != null) {
                c = c.withSeed(seed);
            }
            if (fixedBeta) {
                c = c.withLearnBeta(false);
            }
            if (covariance != null) {
                c = c.withCovariance(KernelForm.parse(covariance));
            }
            c.mlpArchitecture();   // surfaces an architecture the engine lists but cannot build
            if (dataCsv != null) {
                refuseDataWithoutSpread(c);
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw CliException.usage("invalid training settings: " + e.getMessage());
        }
    }

    /** Points that do not differ in x or in y, without noise, have no distribution to learn: bad input (exit 2). */
    private void refuseDataWithoutSpread(TrainingConfig c) {
        try {
            org.diffusionlab.data.Datasets.create(c.dataset(), c.noiseStd());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--data-csv " + dataCsv + ": " + e.getMessage()
                    + (c.noiseStd() == 0 ? " (--noise is 0)" : ""));
        }
    }

    static String describe(Budget b) {
        if (b.iterations() > 0) {
            return String.format(Locale.ROOT, "%,d iterations", b.iterations());
        }
        return String.format(Locale.ROOT, "%s s of training", Json.number(b.seconds()));
    }

    /** The progress line on stderr: redrawn in place on a terminal, a plain line every few seconds otherwise. */
    static final class PrintErr {
        private final java.io.PrintWriter err;
        private final boolean interactive;
        private int lastLength;
        private double lastPlainSeconds = Double.NEGATIVE_INFINITY;
        private boolean drawn;

        PrintErr(java.io.PrintWriter err, boolean interactive) {
            this.err = err;
            this.interactive = interactive;
        }

        void line(String s) {
            err.println(s);
            err.flush();
        }

        void progress(Snapshot s, Budget b, double wallSeconds) {
            String text = format(s, b, wallSeconds);
            if (interactive) {
                StringBuilder sb = new StringBuilder("\r").append(text);
                for (int i = text.length(); i < lastLength; i++) {
                    sb.append(' ');
                }
                lastLength = text.length();
                err.print(sb);
                err.flush();
                drawn = true;
            } else if (wallSeconds - lastPlainSeconds >= PLAIN_PROGRESS_SECONDS || s.status() != TrainingStatus.RUNNING) {
                lastPlainSeconds = wallSeconds;
                line(text);
            }
        }

        void endProgress() {
            if (interactive && drawn) {
                err.println();
                err.flush();
            }
        }

        static String format(Snapshot s, Budget b, double wallSeconds) {
            double fraction = b.fractionDone(s.iteration(), s.seconds());
            return String.format(Locale.ROOT, "iter %,9d  %7.1f it/s  elapsed %s%s  holdout K %8.4f bits",
                    s.iteration(), s.iterationsPerSecond(), clock(wallSeconds),
                    Double.isNaN(fraction) ? "" : String.format(Locale.ROOT, " (%3.0f%%)", 100 * fraction),
                    s.holdoutKBits());
        }

        static String clock(double seconds) {
            long s = (long) Math.floor(seconds);
            return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                    : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
    }

    /** --dry-run: the resolved settings, one per line. */
    /** Where the annealing cosine ends: --anneal-to, else the preset's. */
    private double annealFloor() {
        double f = annealTo != null ? annealTo : TrainingConfig.presetAnnealFloor(preset);
        if (!(f >= 0 && f <= 1)) {
            throw CliException.usage("--anneal-to must be a fraction between 0 and 1, got " + f);
        }
        return f;
    }

    private void printSettings(TrainingConfig c, Budget b) {
        var o = out();
        o.println("preset        " + preset.toLowerCase(Locale.ROOT));
        o.println("dataset       " + c.dataset());
        o.println("noise         " + c.noiseStd() + " (raw units)");
        o.println("T             " + c.steps());
        o.println("schedule      " + (c.hasCustomSchedule() ? "custom, from " + scheduleCsv : c.schedule())
                + (c.learnBeta() ? " (start of the learned beta_2..T)" : " (fixed)"));
        o.println("beta_1        " + c.beta1());
        o.println("architecture  " + c.mlpArchitecture());
        o.println("covariance    " + c.covariance().id()
                + (c.covariance() == KernelForm.FULL ? " (2x2 per step, beyond the paper)" : " (the paper's form)"));
        o.println("optimizer     " + c.optimizer().name().toLowerCase(Locale.ROOT) + ", lr " + c.learningRate());
        o.println("batch         " + c.batchSize() + " points per iteration");
        o.println("annealing     " + (noAnneal ? "off (constant learning rate)"
                : "cosine to " + annealFloor() + " of the learning rate by the end of a limited budget"));
        o.println("seed          " + c.seed());
        o.println("holdout       " + c.holdoutSize() + " points");
        o.println("budget        " + describe(b));
    }
}
