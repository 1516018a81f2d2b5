package org.diffusionlab.engine.gaussian;

import java.util.Random;
import org.diffusionlab.data.DataCeiling;
import org.diffusionlab.data.Dataset;
import org.diffusionlab.data.SwissRoll;
import org.nd4j.linalg.api.buffer.DataType;
import org.diffusionlab.engine.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Computes a model's {@link Evaluation} on a holdout drawn fresh from its data set. */
public final class Evaluator {

    private static final int CHUNK_ROWS = 40_000;

    private Evaluator() {
    }

    /**
     * @param n         holdout points for K (and the ceiling)
     * @param isPoints  points for the importance-sampled log-likelihood (0 to skip), the first of the holdout
     * @param isPaths   forward paths per point
     */
    public static Evaluation evaluate(DiffusionModel model, int n, int isPoints, int isPaths, long seed) {
        return evaluate(model, holdout(model, n, seed), isPoints, isPaths, seed);
    }

    /** The {@code n} fresh held-out points {@link #evaluate(DiffusionModel, int, int, int, long)} uses for a seed. */
    public static double[][] holdout(DiffusionModel model, int n, long seed) {
        Dataset data = model.dataset();
        return data instanceof SwissRoll roll ? roll.holdoutSet(n, seed ^ 0x2545F4914F6CDD1DL) : data.sample(n, ~seed);
    }

    /** The same on given points. */
    public static Evaluation evaluate(DiffusionModel model, double[][] holdout, int isPoints, int isPaths, long seed) {
        int n = holdout.length;
        int d = model.dims();
        int steps = model.schedule().steps();
        Random rng = new Random(seed);
        double[] perPoint = new double[n];
        double[] perStep = new double[steps + 1];
        int chunk = Math.max(1, CHUNK_ROWS / Math.max(1, steps - 1));
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            double[][] part = java.util.Arrays.copyOfRange(holdout, from, to);
            GaussianBound.Result r;
            try (MemoryWorkspace ws = Workspaces.open("evaluator")) {
                INDArray x0 = Nd4j.createFromArray(part).castTo(DataType.FLOAT);
                INDArray noise = GaussianBound.drawNoise(steps, to - from, d, rng, DataType.FLOAT);
                r = GaussianBound.evaluate(model.network(), model.schedule(), x0, noise, true);
            }
            System.arraycopy(r.perPointKNats(), 0, perPoint, from, to - from);
            double[] ps = r.perStepKlNats();
            for (int t = 0; t < ps.length; t++) {
                perStep[t] += ps[t] * (to - from) / n;
            }
        }
        double[] kStats = meanAndStandardError(perPoint);
        for (int t = 0; t < perStep.length; t++) {
            perStep[t] = GaussianMath.toBits(perStep[t]);
        }
        double isMean = Double.NaN;
        double isSe = Double.NaN;
        int usedIs = Math.min(isPoints, n);
        if (usedIs > 0) {
            double[] ll = ImportanceSampler.logLikelihoods(model.kernel(), java.util.Arrays.copyOfRange(holdout, 0, usedIs),
                    isPaths, seed + 1);
            double[] s = meanAndStandardError(ll);
            isMean = GaussianMath.toBits(s[0]);
            isSe = GaussianMath.toBits(s[1]);
        }
        double ceiling = Double.NaN;
        if (model.dataset() instanceof SwissRoll roll) {
            ceiling = DataCeiling.ceilingBits(roll, model.schedule().beta(1), holdout).meanBits();
        }
        return new Evaluation(n, GaussianMath.toBits(kStats[0]), GaussianMath.toBits(kStats[1]),
                GaussianMath.nullLogLikelihoodBits(d), isMean, isSe, usedIs, isPaths, ceiling, perStep,
                GaussianMath.toBits(GaussianBound.entropyTerms(model.schedule(), d)));
    }

    /** {mean, standard error of the mean}. */
    static double[] meanAndStandardError(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double se = v.length > 1 ? Math.sqrt(ss / (v.length - 1) / v.length) : Double.NaN;
        return new double[]{mean, se};
    }
}
