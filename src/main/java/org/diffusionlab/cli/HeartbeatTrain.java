package org.diffusionlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.diffusionlab.Version;
import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.binomial.BinomialConfig;
import org.diffusionlab.engine.binomial.BinomialModel;
import org.diffusionlab.engine.binomial.BinomialModelFile;
import org.diffusionlab.engine.binomial.BinomialSnapshot;
import org.diffusionlab.engine.binomial.BinomialTrainer;
import org.diffusionlab.engine.binomial.BoundEstimate;
import org.diffusionlab.engine.binomial.Parameterisation;
import org.diffusionlab.engine.binomial.SavedBinomialModel;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.TrainingControl;
import org.diffusionlab.engine.train.TrainingStatus;

/** {@code train --dataset heartbeat}: binomial diffusion on the binary heartbeat, with the options that apply to it. */
final class HeartbeatTrain {

    private final TrainCommand cmd;

    HeartbeatTrain(TrainCommand cmd) {
        this.cmd = cmd;
    }

    /** Whether {@code --dataset} names a binary data set (trained by binomial diffusion). */
    static boolean handles(String dataset) {
        return dataset != null && BinomialConfig.DATASETS.contains(dataset.toLowerCase(Locale.ROOT));
    }

    int execute() throws Exception {
        Budget b = cmd.budget();
        BinomialConfig config = config();
        if (cmd.dryRun) {
            printSettings(config, b);
            return 0;
        }
        if (cmd.out == null) {
            throw CliException.usage("Missing required option: '--out=FILE' (the model file to write)");
        }
        Path target = OutputFiles.checkWritable(cmd.out, "--out");
        Path probe = target.resolveSibling("." + target.getFileName() + ".check-" + ProcessHandle.current().pid());
        try {
            BinomialModelFile.save(probe, new SavedBinomialModel(BinomialModel.untrained(config), List.of(), 0, 0,
                    Version.get(), Instant.now()));
        } catch (java.io.IOException e) {
            throw CliCommand.writeFailed(target, e);      // the hidden probe's name would only confuse
        } finally {
            TrainCommand.deleteQuietly(probe);
        }
        TrainCommand.PrintErr progress = new TrainCommand.PrintErr(cmd.err(), cmd.root().interactive());
        progress.line(String.format(Locale.ROOT, "Training %s (binomial diffusion): T = %d, network %s, lr %s, batch %d, "
                        + "seed %d; budget %s. Ctrl-C stops early and saves.", config.dataset(), config.steps(),
                config.architecture(), config.learningRate(), config.batchSize(), config.seed(), TrainCommand.describe(b)));

        BinomialTrainer trainer = new BinomialTrainer(config);
        trainer.setAnnealing(!cmd.noAnneal);
        TrainingControl control = new TrainingControl();
        try (StopOnCtrlC ctrlC = new StopOnCtrlC(control::cancel, 60)) {
            long startNanos = System.nanoTime();
            Progress line = new Progress(cmd, b);
            BinomialSnapshot last = trainer.run(b, control, TrainCommand.SNAPSHOT_INTERVAL_MILLIS,
                    s -> line.show(s, (System.nanoTime() - startNanos) / 1e9));
            line.end();
            double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
            TrainCommand.refuseNonFinite(last.holdoutKBits(), target,
                    last.status() == TrainingStatus.DIVERGED ? last.message() : null);
            SavedBinomialModel saved = new SavedBinomialModel(trainer.model(), trainer.history(), trainer.iteration(),
                    trainer.trainingSeconds(), Version.get(), Instant.now());
            BinomialModelFile.save(target, saved);
            BoundEstimate k = last.holdout();
            if (control.isCancelled() && last.status() != TrainingStatus.DIVERGED) {
                cmd.out().println("Stopped early (interrupted).");
            }
            cmd.out().printf(Locale.ROOT, "Trained %,d iterations in %.1f s of training (%.1f s wall, %.1f it/s).%n",
                    trainer.iteration(), trainer.trainingSeconds(), wallSeconds,
                    trainer.iteration() / Math.max(1e-9, trainer.trainingSeconds()));
            cmd.out().printf(Locale.ROOT, "Holdout K = %.4f +/- %.4f bits per sequence (K - L_null = %.4f bits; "
                            + "the paper: %.3f; %d draws per sequence and step).%n", k.kBits(), k.standardErrorBits(),
                    k.kBits() - Heartbeat.nullLogLikelihoodBits(), Heartbeat.PAPER_K_BITS, k.samplesPerStep());
            cmd.out().println("Saved " + target);
            if (last.status() == TrainingStatus.DIVERGED) {
                throw new CliException(DiffusionLabCli.EXIT_FAILURE, last.message()
                        + " That model was saved to " + target + ".");
            }
            return 0;
        }
    }

    /** The heartbeat defaults with the options given; options that have no meaning here are refused (exit 2). */
    BinomialConfig config() {
        if (!"default".equalsIgnoreCase(cmd.preset)) {
            throw CliException.usage("--preset " + cmd.preset + " is a swiss-roll preset; --dataset heartbeat has its own defaults");
        }
        String why = " does not apply to --dataset heartbeat (binomial diffusion, beta_t = 1/(T - t + 1))";
        if (cmd.schedule != null) {
            throw CliException.usage("--schedule" + why);
        }
        if (cmd.beta1 != null) {
            throw CliException.usage("--beta1" + why);
        }
        if (cmd.noise != null) {
            throw CliException.usage("--noise" + why);
        }
        if (cmd.annealTo != null) {
            throw CliException.usage("--anneal-to does not apply to --dataset heartbeat (it anneals to a tenth)");
        }
        if (cmd.fixedBeta) {
            throw CliException.usage("--fixed-beta" + why + "; the schedule is never learned");
        }
        cmd.refuseImageOnlyOptions();
        BinomialConfig base = BinomialConfig.heartbeat();
        try {
            Parameterisation param = cmd.kernel != null ? Parameterisation.fromLabel(cmd.kernel) : base.parameterisation();
            BinomialConfig c = base.withNetwork(cmd.architecture != null ? cmd.architecture : base.network(),
                            cmd.bumps != null ? cmd.bumps : base.bumps(), param)
                    .withOptimizer(cmd.learningRate != null ? cmd.learningRate : base.learningRate(),
                            cmd.batchSize != null ? cmd.batchSize : base.batchSize());
            if (cmd.steps != null) {
                c = c.withSteps(cmd.steps);
            }
            if (cmd.seed != null) {
                c = c.withSeed(cmd.seed);
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw CliException.usage("invalid training settings: " + e.getMessage());
        }
    }

    private void printSettings(BinomialConfig c, Budget b) {
        var o = cmd.out();
        o.println("dataset       " + c.dataset() + " (binomial diffusion, beta_t = 1/(T - t + 1))");
        o.println("T             " + c.steps());
        o.println("network       " + c.architecture());
        o.println("optimizer     adam, lr " + c.learningRate());
        o.println("batch         " + c.batchSize() + " rows (sequence, t, x_t) per iteration");
        o.println("seed          " + c.seed());
        o.println("holdout       " + c.holdoutPerStep() + " draws of x_t per sequence and step");
        o.println("budget        " + TrainCommand.describe(b));
    }

    /** The progress line: redrawn in place on a terminal, a plain line every few seconds otherwise. */
    private static final class Progress {
        private final TrainCommand cmd;
        private final Budget budget;
        private final boolean interactive;
        private double lastPlain = Double.NEGATIVE_INFINITY;
        private int lastLength;

        Progress(TrainCommand cmd, Budget budget) {
            this.cmd = cmd;
            this.budget = budget;
            this.interactive = cmd.root().interactive();
        }

        void show(BinomialSnapshot s, double wall) {
            double f = budget.fractionDone(s.iteration(), s.seconds());
            String text = String.format(Locale.ROOT, "iter %,9d  %7.1f it/s  elapsed %s%s  holdout K %8.4f +/- %.4f bits",
                    s.iteration(), s.iterationsPerSecond(), TrainCommand.PrintErr.clock(wall),
                    Double.isNaN(f) ? "" : String.format(Locale.ROOT, " (%3.0f%%)", 100 * f), s.holdoutKBits(),
                    s.holdout() == null ? Double.NaN : s.holdout().standardErrorBits());
            var err = cmd.err();
            if (interactive) {
                err.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
                lastLength = text.length();
                err.flush();
            } else if (wall - lastPlain >= TrainCommand.PLAIN_PROGRESS_SECONDS || s.status() != TrainingStatus.RUNNING) {
                lastPlain = wall;
                err.println(text);
                err.flush();
            }
        }

        void end() {
            if (interactive && lastLength > 0) {
                cmd.err().println();
                cmd.err().flush();
            }
        }
    }
}
