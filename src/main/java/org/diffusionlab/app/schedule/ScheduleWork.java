package org.diffusionlab.app.schedule;

import java.util.Random;
import org.diffusionlab.data.Dataset;
import org.diffusionlab.data.SwissRoll;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.gaussian.ForwardProcess;
import org.diffusionlab.engine.gaussian.OptimalKernelBound;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.train.ScheduleProbe;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.TrainingConfig;

/**
 * The Schedule pane's background computations, each called on its own worker thread (never the UI thread):
 * the bound of the current model under the trained and the edited schedule, the best any Gaussian kernel reaches
 * under the edited schedule, and the forward-process preview.
 */
final class ScheduleWork {

    /** Held-out points for the best kernel's bound: about 0.3 s per schedule at beta_1 = 1e-5 on two cores. */
    static final int BEST_KERNEL_POINTS = 1000;
    static final long BEST_KERNEL_SEED = 20150302L;

    /** The best Gaussian kernel's bound under {@code schedule} on the data of {@code config}. */
    record BestKernelRequest(TrainingConfig config, BetaSchedule schedule) {
    }

    /**
     * @param kBits         the bound of the moment-matched kernel, bits per point (NaN when the data's density is not
     *                      known)
     * @param seBits        its Monte-Carlo standard error
     * @param perStepKlBits its KL at each step t (index t; null when not known)
     */
    record BestKernel(BetaSchedule schedule, double kBits, double seBits, double[] perStepKlBits) {
        boolean known() {
            return !Double.isNaN(kBits);
        }
    }

    /** Points in each preview cloud. */
    static final int PREVIEW_POINTS = 1500;
    private static final long PREVIEW_SEED = 20150301L;

    /** K of the model of {@code snapshot} under its own schedule and under {@code edited}. */
    record BoundRequest(Snapshot snapshot, BetaSchedule edited) {
    }

    /**
     * @param iteration the model's iteration
     * @param trained   the holdout bound under the schedule the model was trained with
     * @param edited    the same model under the edited schedule
     */
    record Bounds(long iteration, ScheduleProbe.Result trained, ScheduleProbe.Result edited) {
    }

    /** Samples of q(x_t | x_0) at the steps {@code ts} under {@code schedule}. */
    record PreviewRequest(TrainingConfig config, BetaSchedule schedule, int[] ts) {
    }

    /** One cloud per step (x and y interleaved), the same x_0 and noise for every schedule so edits animate. */
    record Preview(BetaSchedule schedule, int[] ts, float[][] clouds) {
    }

    // Touched only on the bounds thread.
    private Snapshot cachedSnapshot;
    private DiffusionModel cachedModel;
    private ScheduleProbe.Result cachedTrained;
    private ScheduleProbe probe;

    // Touched only on the best-kernel thread.
    private TrainingConfig bestConfig;
    private double[][] bestPoints;

    // Touched only on the preview thread.
    private TrainingConfig previewConfig;
    private double[][] previewData;

    /** Bounds thread. */
    Bounds bounds(BoundRequest r) {
        Snapshot s = r.snapshot();
        TrainingConfig c = s.config();
        if (probe == null || !probe.sameHoldout(c)) {
            probe = new ScheduleProbe(c);
            cachedSnapshot = null;
        }
        if (s != cachedSnapshot) {
            cachedModel = s.toModel();
            cachedTrained = probe.evaluate(cachedModel.network(), cachedModel.schedule());
            cachedSnapshot = s;
        }
        ScheduleProbe.Result edited = r.edited().equals(cachedModel.schedule())
                ? cachedTrained : probe.evaluate(cachedModel.network(), r.edited());
        return new Bounds(s.iteration(), cachedTrained, edited);
    }

    /** Best-kernel thread. */
    BestKernel bestKernel(BestKernelRequest r) {
        TrainingConfig c = r.config();
        Dataset data = DiffusionModel.datasetFor(c);
        if (!(data instanceof SwissRoll roll)) {
            return new BestKernel(r.schedule(), Double.NaN, Double.NaN, null);
        }
        if (bestPoints == null || bestConfig == null || bestConfig.noiseStd() != c.noiseStd()
                || !bestConfig.dataset().equals(c.dataset())) {
            bestPoints = roll.holdoutSet(BEST_KERNEL_POINTS, BEST_KERNEL_SEED);
            bestConfig = c;
        }
        OptimalKernelBound.Result b = OptimalKernelBound.compute(roll, r.schedule(), bestPoints, BEST_KERNEL_SEED);
        return new BestKernel(r.schedule(), b.kBits(), b.kSeBits(), b.perStepKlBits());
    }

    /** Preview thread. */
    Preview preview(PreviewRequest r) {
        TrainingConfig c = r.config();
        if (previewData == null || previewConfig == null || previewConfig.noiseStd() != c.noiseStd()
                || !previewConfig.dataset().equals(c.dataset())) {
            previewData = DiffusionModel.datasetFor(c).sample(PREVIEW_POINTS, PREVIEW_SEED);
            previewConfig = c;
        }
        ForwardProcess q = new ForwardProcess(r.schedule());
        float[][] clouds = new float[r.ts().length][];
        for (int i = 0; i < r.ts().length; i++) {
            int t = r.ts()[i];
            double[][] xt = t == 0 ? previewData : q.sampleAt(previewData, t, new Random(PREVIEW_SEED + 1));
            float[] v = new float[xt.length * 2];
            for (int k = 0; k < xt.length; k++) {
                v[2 * k] = (float) xt[k][0];
                v[2 * k + 1] = (float) xt[k][1];
            }
            clouds[i] = v;
        }
        return new Preview(r.schedule(), r.ts(), clouds);
    }

    /** The steps a preview shows for T steps: the data, then T/8, T/4, T/2 and T. */
    static int[] previewSteps(int steps) {
        return java.util.stream.IntStream.of(0, Math.max(1, steps / 8), Math.max(1, steps / 4), Math.max(1, steps / 2), steps)
                .distinct().toArray();
    }
}
