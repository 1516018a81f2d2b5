package org.diffusionlab.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.diffusionlab.engine.binomial.BinaryTrajectory;
import org.diffusionlab.engine.binomial.BinomialModel;
import org.diffusionlab.engine.binomial.BinomialModelFile;
import org.diffusionlab.engine.binomial.BinomialSampler;
import org.diffusionlab.engine.binomial.Conditioning;

/**
 * {@code sample} and {@code trajectory} of a binomial (heartbeat) model: sequences as CSV rows of 0/1, optionally
 * with some bins fixed ({@code --fix}) and the rest sampled through the perturbed kernel.
 */
final class HeartbeatSample {

    private HeartbeatSample() {
    }

    static boolean handles(Path file) {
        return BinomialModelFile.isBinomialModelFile(file);
    }

    static int execute(SamplingCommand cmd, boolean trajectory) throws Exception {
        BinomialModel model = BinomialModelFile.load(cmd.file).model();
        int bins = model.bins();
        Conditioning conditioning = parseFix(cmd.fix, bins);
        long limit = trajectory ? Math.min(SamplingCommand.MAX_POINTS, TrajectoryCommand.MAX_ROWS / (model.steps() + 1))
                : SamplingCommand.MAX_POINTS;
        if (cmd.n > limit) {
            throw CliException.usage("--n must be at most " + limit + " sequences for this model, got " + cmd.n);
        }
        BinaryTrajectory tr = BinomialSampler.reverse(model, cmd.n, cmd.seed, conditioning, trajectory);
        try {
            OutputFiles.writeText(cmd.outFile, cmd.out(), w -> write(w, tr, trajectory));
        } catch (java.io.IOException e) {
            throw CliCommand.writeFailed(cmd.outFile, e);
        }
        String what = trajectory ? "trajectories of " + SamplingCommand.count(cmd.n) + " sequences (t = "
                + model.steps() + " down to 0)" : SamplingCommand.count(cmd.n) + " sequences";
        cmd.err().printf(Locale.ROOT, "Wrote %s; %.1f%% are true heartbeats%s.%n", what, 100 * tr.fractionAdmitted(0, conditioning),
                conditioning.isActive() ? " agreeing with the fixed bins" : "");
        if (!OutputFiles.STDOUT.equals(cmd.outFile)) {
            cmd.err().println("to " + Path.of(cmd.outFile).toAbsolutePath().normalize());
        }
        return 0;
    }

    private static void write(Writer w, BinaryTrajectory tr, boolean trajectory) throws IOException {
        StringBuilder sb = new StringBuilder(trajectory ? "t,sequence," : "");
        for (int b = 1; b <= tr.bins(); b++) {
            sb.append(b > 1 ? "," : "").append('b').append(b);
        }
        w.write(sb.append('\n').toString());
        for (int t = trajectory ? tr.steps() : 0; t >= 0; t--) {
            for (int r = 0; r < tr.rows(); r++) {
                sb.setLength(0);
                if (trajectory) {
                    sb.append(t).append(',').append(r).append(',');
                }
                for (int b = 0; b < tr.bins(); b++) {
                    sb.append(b > 0 ? "," : "").append(tr.value(t, r, b));
                }
                w.write(sb.append('\n').toString());
            }
        }
    }

    /** {@code --fix 3=1,8=0}: bins numbered from 1; null or empty fixes nothing. */
    static Conditioning parseFix(String spec, int bins) {
        int[] values = new int[bins];
        Arrays.fill(values, -1);
        if (spec == null || spec.isBlank()) {
            return Conditioning.fixed(values);
        }
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=");
            try {
                if (kv.length != 2) {
                    throw new NumberFormatException();
                }
                int bin = Integer.parseInt(kv[0].trim());
                int v = Integer.parseInt(kv[1].trim());
                if (bin < 1 || bin > bins || (v != 0 && v != 1)) {
                    throw CliException.usage("--fix: bins are 1.." + bins + " and values 0 or 1, got '" + part.trim() + "'");
                }
                values[bin - 1] = v;
            } catch (NumberFormatException e) {
                throw CliException.usage("--fix must be BIN=VALUE[,BIN=VALUE...], e.g. 3=1,8=0; got '" + part.trim() + "'");
            }
        }
        return Conditioning.fixed(values);
    }
}
