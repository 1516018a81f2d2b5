package org.diffusionlab.engine.binomial;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.diffusionlab.engine.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;

/**
 * A fixed set of rows (x_0, t, x_t) on which the bound is measured: every one of the data's equally likely sequences,
 * every t = 2..T, and {@code samplesPerStep} draws x_t ~ q(x_t | x_0) each. The sum over t is exact, the average over
 * sequences is exact; only x_t is sampled, and its spread gives the standard error. Holding the draws fixed makes a
 * training curve move only when the model does, and lets a model and the ceiling be compared on the same draws.
 */
public final class BoundSample {

    /** Rows evaluated in one pass of the network (bounds the activations' memory). */
    static final int CHUNK_ROWS = 16_384;

    private final BinomialProcess process;
    private final byte[][] sequences;
    private final int samplesPerStep;
    private final List<Chunk> chunks = new ArrayList<>();

    /** Rows of one pass; row r belongs to cell (sequence, t), cells in order, each with samplesPerStep rows. */
    private record Chunk(int[] steps, int[] sequence, byte[] x0, byte[] xt) {
    }

    private BoundSample(BinomialProcess process, byte[][] sequences, int samplesPerStep) {
        this.process = process;
        this.sequences = sequences;
        this.samplesPerStep = samplesPerStep;
    }

    /** Draws the rows for the given equally likely sequences. */
    public static BoundSample draw(BinomialProcess process, byte[][] sequences, int samplesPerStep, long seed) {
        if (samplesPerStep < 2) {
            throw new IllegalArgumentException("need at least 2 draws per step for a standard error, got " + samplesPerStep);
        }
        BoundSample s = new BoundSample(process, sequences, samplesPerStep);
        int bins = sequences[0].length;
        Random rng = new Random(seed);
        int cellsPerChunk = Math.max(1, CHUNK_ROWS / samplesPerStep);
        List<int[]> cells = new ArrayList<>();
        for (int k = 0; k < sequences.length; k++) {
            for (int t = 2; t <= process.steps(); t++) {
                cells.add(new int[]{k, t});
            }
        }
        byte[] row = new byte[bins];
        for (int from = 0; from < cells.size(); from += cellsPerChunk) {
            int to = Math.min(cells.size(), from + cellsPerChunk);
            int rows = (to - from) * samplesPerStep;
            int[] steps = new int[rows];
            int[] seq = new int[rows];
            byte[] x0 = new byte[rows * bins];
            byte[] xt = new byte[rows * bins];
            int r = 0;
            for (int c = from; c < to; c++) {
                int k = cells.get(c)[0];
                int t = cells.get(c)[1];
                for (int m = 0; m < samplesPerStep; m++, r++) {
                    steps[r] = t;
                    seq[r] = k;
                    System.arraycopy(sequences[k], 0, x0, r * bins, bins);
                    process.sampleMarginal(sequences[k], t, rng, row);
                    System.arraycopy(row, 0, xt, r * bins, bins);
                }
            }
            s.chunks.add(new Chunk(steps, seq, x0, xt));
        }
        return s;
    }

    public int samplesPerStep() {
        return samplesPerStep;
    }

    /** Number of rows (sequences x (T - 1) x draws). */
    public long rows() {
        return (long) sequences.length * (process.steps() - 1) * samplesPerStep;
    }

    /** The bound of a network's kernel on these rows. */
    public BoundEstimate estimate(BinomialNetwork net) {
        return aggregate((c, kl) -> {
            try (MemoryWorkspace ws = Workspaces.open("binomial-bound")) {
                BinomialNetwork.Forward f = net.forward(c.xt, c.steps);
                rowKl(process, net.architecture().parameterisation(), c.x0, c.xt, c.steps, f.z(), kl, null);
            }
        });
    }

    /** The bound of the exactly optimal factorised kernel on these rows (see {@link FactorisedCeiling}). */
    public BoundEstimate ceiling() {
        FactorisedCeiling ceiling = new FactorisedCeiling(process, sequences);
        return aggregate((c, kl) -> {
            int bins = sequences[0].length;
            double[] pi = new double[bins];
            byte[] xt = new byte[bins];
            for (int r = 0; r < c.steps.length; r++) {
                int t = c.steps[r];
                System.arraycopy(c.xt, r * bins, xt, 0, bins);
                ceiling.posteriorMean(t, xt, pi);
                double sum = 0;
                for (int b = 0; b < bins; b++) {
                    int x = xt[b];
                    double a0 = process.posterior(t, x, 0);
                    double p = a0 + (process.posterior(t, x, 1) - a0) * pi[b];
                    sum += Bernoulli.kl(process.posterior(t, x, c.x0[r * bins + b]), p);
                }
                kl[r] = sum;
            }
        });
    }

    private interface RowKl {
        void compute(Chunk chunk, double[] klOut);
    }

    private BoundEstimate aggregate(RowKl f) {
        int steps = process.steps();
        int k = sequences.length;
        int bins = sequences[0].length;
        double[] perStep = new double[steps + 1];
        double variance = 0;          // of the sum over t, averaged over sequences
        for (Chunk c : chunks) {
            double[] kl = new double[c.steps.length];
            f.compute(c, kl);
            for (int r = 0; r < kl.length; r += samplesPerStep) {
                double mean = 0;
                for (int m = 0; m < samplesPerStep; m++) {
                    mean += kl[r + m];
                }
                mean /= samplesPerStep;
                double ss = 0;
                for (int m = 0; m < samplesPerStep; m++) {
                    ss += (kl[r + m] - mean) * (kl[r + m] - mean);
                }
                perStep[c.steps[r]] += mean / k;
                // variance of this cell's mean, scaled by the 1/k weight of its sequence
                variance += ss / (samplesPerStep - 1) / samplesPerStep / ((double) k * k);
            }
        }
        double entropy = bins * process.entropyTermsPerBin();
        double sum = 0;
        for (int t = 2; t <= steps; t++) {
            sum += perStep[t];
            perStep[t] = Bernoulli.toBits(perStep[t]);
        }
        return new BoundEstimate(Bernoulli.toBits(entropy - sum), Bernoulli.toBits(Math.sqrt(variance)), perStep,
                Bernoulli.toBits(entropy), samplesPerStep);
    }

    /**
     * The summed KL over bins of each row (nats) into {@code klOut}; with {@code dz} non-null, d KL_row / d z of every
     * bin too. Row r: data x_0, step t, x_t, network output z (all row-major, {@code bins} per row).
     */
    static void rowKl(BinomialProcess process, Parameterisation param, byte[] x0, byte[] xt, int[] steps, double[] z,
                      double[] klOut, double[] dz) {
        int rows = steps.length;
        int bins = xt.length / rows;
        double[] scratch = dz != null ? dz : new double[bins];
        for (int r = 0; r < rows; r++) {
            int t = steps[r];
            double sum = 0;
            for (int b = 0; b < bins; b++) {
                int i = r * bins + b;
                double q = process.posterior(t, xt[i], x0[i]);
                sum += param.klAndGradient(process, t, xt[i], q, z[i], scratch, dz != null ? i : b);
            }
            klOut[r] = sum;
        }
    }
}
