package org.diffusionlab.engine.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.diffusionlab.data.Dataset;
import org.diffusionlab.engine.Workspaces;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.gaussian.GaussianBound;
import org.diffusionlab.engine.gaussian.GaussianMath;
import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a trained network makes of any schedule, on the run's fixed holdout: the bound K and its per-step KL terms
 * (the same points and the same diffusion noise as {@link Trainer#evaluateHoldout()}, so under the trained schedule
 * it gives the trainer's holdout K exactly), and the network's reverse variance averaged over the holdout beside the
 * range the entropy bounds allow, [beta~_t, beta_t]. Owns ND4J arrays: use it on one thread.
 */
public final class ScheduleProbe {

    /**
     * @param schedule            the schedule probed
     * @param kBits               holdout K, bits per point
     * @param perStepKlBits       holdout KL at step t (index t in 0..T; 0 for t < 2), bits per point
     * @param meanReverseVariance the network's reverse variance f_Sigma at step t, averaged over the holdout's x_t and
     *                            the dimensions (index t; index 1 is beta_1, the fixed first step; index 0 unused)
     * @param varianceLower       beta~_t, the posterior variance: the lower entropy bound's variance (index t >= 2)
     * @param varianceUpper       beta_t: the upper entropy bound's variance (index t >= 1)
     */
    public record Result(BetaSchedule schedule, double kBits, double[] perStepKlBits, double[] meanReverseVariance,
                         double[] varianceLower, double[] varianceUpper) {
        public Result {
            perStepKlBits = perStepKlBits.clone();
            meanReverseVariance = meanReverseVariance.clone();
            varianceLower = varianceLower.clone();
            varianceUpper = varianceUpper.clone();
        }

        @Override
        public double[] perStepKlBits() { return perStepKlBits.clone(); }

        @Override
        public double[] meanReverseVariance() { return meanReverseVariance.clone(); }

        @Override
        public double[] varianceLower() { return varianceLower.clone(); }

        @Override
        public double[] varianceUpper() { return varianceUpper.clone(); }
    }

    private final TrainingConfig config;
    private final int holdoutSize;
    private final List<INDArray> chunks = new ArrayList<>();
    private final List<INDArray> noiseChunks = new ArrayList<>();

    /** The holdout of runs with this config (data set, noise, T, seed and holdout size decide it). */
    public ScheduleProbe(TrainingConfig config) {
        this.config = config;
        Dataset data = DiffusionModel.datasetFor(config);
        double[][] holdout = Trainer.holdoutPoints(config, data);
        this.holdoutSize = holdout.length;
        // The trainer's recipe, step for step: same chunks, same noise stream.
        Random rng = new Random(config.seed() ^ 0x5DEECE66DL);
        int chunk = Math.max(1, 40_000 / Math.max(1, config.steps() - 1));
        for (int from = 0; from < holdout.length; from += chunk) {
            int to = Math.min(holdout.length, from + chunk);
            chunks.add(Nd4j.createFromArray(Arrays.copyOfRange(holdout, from, to)).castTo(DataType.FLOAT));
            noiseChunks.add(GaussianBound.drawNoise(config.steps(), to - from, data.dims(), rng, DataType.FLOAT));
        }
    }

    /** True if a run with {@code other} has the same holdout as this probe. */
    public boolean sameHoldout(TrainingConfig other) {
        return other.dataset().equals(config.dataset()) && other.noiseStd() == config.noiseStd()
                && other.steps() == config.steps() && other.seed() == config.seed()
                && other.holdoutSize() == config.holdoutSize();
    }

    /** K, its per-step terms and the reverse variances of {@code net} under {@code s} on the holdout. */
    public Result evaluate(DiffusionMlp net, BetaSchedule s) {
        int steps = s.steps();
        if (steps != config.steps() || net.steps() != steps) {
            throw new IllegalArgumentException("The schedule has T = " + steps + ", the network " + net.steps()
                    + " and the holdout " + config.steps());
        }
        int dims = net.dims();
        double kSum = 0;
        double[] perStep = new double[steps + 1];
        double[] varSum = new double[steps + 1];
        for (int c = 0; c < chunks.size(); c++) {
            INDArray x0 = chunks.get(c);
            int rows = (int) x0.size(0);
            try (MemoryWorkspace ws = Workspaces.open("schedule-probe")) {
                // one forward pass gives K's terms and the reverse variances
                GaussianBound.Result r = GaussianBound.evaluate(net, s, x0, noiseChunks.get(c), varSum);
                kSum += r.kNats() * rows;
                double[] ps = r.perStepKlNats();
                for (int t = 0; t < ps.length; t++) {
                    perStep[t] += ps[t] * rows;
                }
            }
        }
        double[] meanVar = new double[steps + 1];
        double[] lower = new double[steps + 1];
        double[] upper = new double[steps + 1];
        for (int t = 1; t <= steps; t++) {
            meanVar[t] = t == 1 ? s.beta(1) : varSum[t] / ((double) holdoutSize * dims);
            lower[t] = t == 1 ? 0 : s.posteriorVariance(t);
            upper[t] = s.beta(t);
        }
        for (int t = 0; t < perStep.length; t++) {
            perStep[t] = GaussianMath.toBits(perStep[t] / holdoutSize);
        }
        return new Result(s, GaussianMath.toBits(kSum / holdoutSize), perStep, meanVar, lower, upper);
    }
}
