package org.diffusionlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.binomial.BinomialEvaluation;
import org.diffusionlab.engine.binomial.BinomialEvaluator;
import org.diffusionlab.engine.binomial.BinomialModelFile;
import org.diffusionlab.engine.binomial.SavedBinomialModel;

/** {@code evaluate} of a binomial (heartbeat) model: K, K - L_null, the factorised ceiling, the truth, samples. */
final class HeartbeatEvaluate {

    /** Default x_t draws per sequence and step: the standard error of K is then about 0.005 bits. */
    static final int DEFAULT_DRAWS = 100;

    private HeartbeatEvaluate() {
    }

    /** Whether the file is a binomial model file (then {@code evaluate} dispatches here). */
    static boolean handles(Path file) {
        return BinomialModelFile.isBinomialModelFile(file);
    }

    static int execute(EvaluateCommand cmd) throws Exception {
        int draws = cmd.draws != null ? cmd.draws : DEFAULT_DRAWS;
        if (draws < 2 || draws > 10_000) {
            throw CliException.usage("--draws must be between 2 and 10000, got " + draws);
        }
        if (cmd.n < 0 || cmd.n > SamplingCommand.MAX_POINTS) {
            throw CliException.usage("--n (samples checked against the true heartbeats) must be between 0 and "
                    + SamplingCommand.MAX_POINTS + ", got " + cmd.n);
        }
        SavedBinomialModel saved = BinomialModelFile.load(cmd.file);
        long start = System.nanoTime();
        BinomialEvaluation e = BinomialEvaluator.evaluate(saved.model(), draws, cmd.n, cmd.seed);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (cmd.json) {
            cmd.out().println(toJson(cmd.file, saved, e, cmd.seed, seconds));
        } else {
            printTable(cmd.out(), cmd.file, saved, e, cmd.seed, seconds);
        }
        return 0;
    }

    static String describe(SavedBinomialModel m) {
        var c = m.model().config();
        return String.format(Locale.ROOT, "%s (binomial diffusion), T = %d, network %s, %,d iterations (%.1f s), "
                + "written by DiffusionLab %s", c.dataset(), c.steps(), c.architecture(), m.iterations(),
                m.trainingSeconds(), m.createdBy());
    }

    static String toJson(Path file, SavedBinomialModel saved, BinomialEvaluation e, long seed, double seconds) {
        var c = saved.model().config();
        return new Json()
                .put("file", file.toAbsolutePath().normalize().toString())
                .put("dataset", c.dataset())
                .put("seed", seed)
                .put("draws_per_step", e.bound().samplesPerStep())
                .put("k_bits", e.kBits())
                .put("k_se_bits", e.bound().standardErrorBits())
                .put("k_minus_lnull_bits", e.kMinusNullBits())
                .put("lnull_bits", e.nullBits())
                .put("ceiling_bits", e.ceiling().kBits())
                .put("ceiling_se_bits", e.ceiling().standardErrorBits())
                .put("gap_to_ceiling_bits", e.gapToCeilingBits())
                .put("true_loglik_bits", e.trueBits())
                .put("paper_k_bits", Heartbeat.PAPER_K_BITS)
                .put("samples", e.samples())
                .put("fraction_heartbeats", e.fractionHeartbeats())
                .put("entropy_terms_bits", e.bound().entropyTermsBits())
                .put("per_step_kl_bits", e.bound().perStepKlBits())
                .put("steps", c.steps())
                .put("network", c.architecture().toString())
                .put("iterations", saved.iterations())
                .put("training_seconds", saved.trainingSeconds())
                .put("created_by", saved.createdBy())
                .put("seconds", seconds)
                .toString();
    }

    static void printTable(PrintWriter o, Path file, SavedBinomialModel saved, BinomialEvaluation e, long seed,
                           double seconds) {
        o.println("Model  " + file);
        o.println("       " + describe(saved));
        o.printf(Locale.ROOT, "Data   the 5 heartbeat sequences, every t = 2..T, %d draws of x_t each (seed %d); "
                + "evaluated in %.1f s%n%n", e.bound().samplesPerStep(), seed, seconds);
        o.println("                                  bits per sequence");
        o.printf(Locale.ROOT, "Bound K                           %s%n", EvaluateCommand.pm(e.kBits(), e.bound().standardErrorBits()));
        o.printf(Locale.ROOT, "K - L_null                        %s   (the paper: %.3f)%n", EvaluateCommand.num(e.kMinusNullBits()),
                12.024);
        o.printf(Locale.ROOT, "Ceiling (best factorised kernel)  %s   (same draws; K is %.4f below it)%n",
                EvaluateCommand.pm(e.ceiling().kBits(), e.ceiling().standardErrorBits()), e.gapToCeilingBits());
        o.printf(Locale.ROOT, "The paper's K                     %s%n", EvaluateCommand.num(Heartbeat.PAPER_K_BITS));
        o.printf(Locale.ROOT, "True log-likelihood               %s   (log2(1/5): 5 equally likely sequences)%n",
                EvaluateCommand.num(e.trueBits()));
        o.printf(Locale.ROOT, "L_null                            %s   (independent bins at the data's rate 1/5)%n",
                EvaluateCommand.num(e.nullBits()));
        o.printf(Locale.ROOT, "Entropy terms                     %s   (H_q(X_T|X_0) - H_q(X_1|X_0) - H_p(X_T))%n",
                EvaluateCommand.num(e.bound().entropyTermsBits()));
        if (e.samples() > 0) {
            o.printf(Locale.ROOT, "%nSamples: %,d drawn through all %d steps, %.1f%% are true heartbeats.%n", e.samples(),
                    saved.model().steps(), 100 * e.fractionHeartbeats());
        }
        printPerStep(o, e.bound().perStepKlBits());
    }

    /** The KL terms summed over ranges of t (2000 single steps would be unreadable). */
    static void printPerStep(PrintWriter o, double[] kl) {
        int steps = kl.length - 1;
        int ranges = Math.min(10, steps - 1);
        o.printf(Locale.ROOT, "%nKL( q(x_{t-1}|x_t,x_0) || p(x_{t-1}|x_t) ) summed over ranges of t, bits:%n");
        for (int r = 0; r < ranges; r++) {
            int from = 2 + (int) ((long) r * (steps - 1) / ranges);
            int to = 1 + (int) ((long) (r + 1) * (steps - 1) / ranges);
            double sum = 0;
            for (int t = from; t <= to; t++) {
                sum += kl[t];
            }
            o.printf(Locale.ROOT, "  t = %4d..%4d   %8.4f%n", from, to, sum);
        }
    }
}
