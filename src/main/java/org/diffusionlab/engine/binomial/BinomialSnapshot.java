package org.diffusionlab.engine.binomial;

import java.util.List;
import org.diffusionlab.engine.train.HistoryPoint;
import org.diffusionlab.engine.train.RunFigures;
import org.diffusionlab.engine.train.TrainingStatus;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * An immutable picture of a binomial training run, copied off the ND4J arrays on the training thread so any thread
 * may read it. K figures are bits per sequence.
 *
 * @param config              the run's config
 * @param status              where the run stands
 * @param message             a human-readable note (why it stopped), or empty
 * @param iteration           iterations done
 * @param seconds             training time so far (holdout evaluations not counted)
 * @param iterationsPerSecond recent speed
 * @param batchKBits          K on recent training batches (running mean)
 * @param holdout             K on the fixed holdout with its standard error and per-step KL terms
 * @param ceiling             the bound of the optimal factorised kernel on the same holdout draws: the best any
 *                            per-bin Bernoulli reverse kernel can reach there
 * @param parameters          the network parameters in layout order (enough to rebuild the model and sample)
 * @param history             the training curve so far
 */
public record BinomialSnapshot(BinomialConfig config, TrainingStatus status, String message, long iteration,
                               double seconds, double iterationsPerSecond, double batchKBits, BoundEstimate holdout,
                               BoundEstimate ceiling,
                               double[] parameters, List<HistoryPoint> history) implements RunFigures {

    public BinomialSnapshot {
        parameters = parameters.clone();
        history = List.copyOf(history);
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /** K on the fixed holdout, bits per sequence (NaN before the first evaluation). */
    @Override
    public double holdoutKBits() {
        return holdout == null ? Double.NaN : holdout.kBits();
    }

    /** Rebuilds the model (allocates ND4J arrays on the calling thread: call it off the UI thread). */
    public BinomialModel toModel() {
        var p = BinomialNetwork.layout(config.architecture(), config.sequences()[0].length).build(DataType.FLOAT);
        p.setFrom(parameters);
        return new BinomialModel(config, new BinomialNetwork(config.architecture(), config.process(),
                config.sequences()[0].length, p));
    }
}
