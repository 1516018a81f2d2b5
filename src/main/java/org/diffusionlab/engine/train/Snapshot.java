package org.diffusionlab.engine.train;

import java.util.List;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * An immutable picture of a training run, copied off the ND4J arrays on the training thread so any thread may read it.
 *
 * @param config            the run's config
 * @param status            where the run stands
 * @param message           a human-readable note (why it stopped), or empty
 * @param iteration         iterations done
 * @param seconds           training time so far
 * @param iterationsPerSecond recent speed
 * @param batchKBits        K on recent training batches, bits per point
 * @param holdoutKBits      K on the fixed holdout, bits per point
 * @param perStepKlBits     holdout KL per step t (index t, 0 for t < 2), bits per point
 * @param betas             the current schedule beta_1..beta_T
 * @param parameters        the network parameters in layout order (enough to rebuild the model and sample)
 * @param history           the training curve so far
 */
public record Snapshot(TrainingConfig config, TrainingStatus status, String message, long iteration, double seconds,
                       double iterationsPerSecond, double batchKBits, double holdoutKBits, double[] perStepKlBits,
                       double[] betas, double[] parameters, List<HistoryPoint> history) implements RunFigures {

    public Snapshot {
        perStepKlBits = perStepKlBits.clone();
        betas = betas.clone();
        parameters = parameters.clone();
        history = List.copyOf(history);
    }

    @Override
    public double[] perStepKlBits() {
        return perStepKlBits.clone();
    }

    @Override
    public double[] betas() {
        return betas.clone();
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    public BetaSchedule schedule() {
        return BetaSchedule.of(config.learnBeta() ? "learned" : config.schedule(), betas);
    }

    /** Rebuilds the model (allocates ND4J arrays on the calling thread: call it off the UI thread). */
    public DiffusionModel toModel() {
        int dims = org.diffusionlab.data.Datasets.dims(config.dataset());    // not untrained(config): a custom schedule has no preset
        FlatParameters p = DiffusionMlp.layout(config.mlpArchitecture(), dims, config.steps(), config.covariance()).build(DataType.FLOAT);
        p.setFrom(parameters);
        return new DiffusionModel(config, schedule(), new DiffusionMlp(config.mlpArchitecture(), dims, config.steps(), p));
    }
}
