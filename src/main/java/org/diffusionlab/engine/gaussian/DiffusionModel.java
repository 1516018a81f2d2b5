package org.diffusionlab.engine.gaussian;

import org.diffusionlab.data.Dataset;
import org.diffusionlab.data.Datasets;
import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.train.TrainingConfig;

/**
 * A Gaussian diffusion model: the config it was trained under, its (possibly learned) schedule, and its network.
 * Treat it as a value: the trainer hands out copies.
 */
public record DiffusionModel(TrainingConfig config, BetaSchedule schedule, DiffusionMlp network) {

    public DiffusionModel {
        if (network.kernelForm() != config.covariance()) {
            throw new IllegalArgumentException("The network's kernel is " + network.kernelForm().id()
                    + " but the config names " + config.covariance().id());
        }
        if (network.steps() != schedule.steps() || config.steps() != schedule.steps()) {
            throw new IllegalArgumentException("Config, schedule and network disagree on T: " + config.steps() + ", "
                    + schedule.steps() + ", " + network.steps());
        }
    }

    /** An untrained model for a config. */
    public static DiffusionModel untrained(TrainingConfig config) {
        return untrained(config, config.baseSchedule());
    }

    /** An untrained model for a config on a given schedule (a custom one, e.g. from the Schedule pane). */
    public static DiffusionModel untrained(TrainingConfig config, BetaSchedule schedule) {
        DiffusionMlp net = DiffusionMlp.initialise(config.mlpArchitecture(), Datasets.dims(config.dataset()), config.steps(),
                config.covariance(), config.seed(), org.nd4j.linalg.api.buffer.DataType.FLOAT);
        return new DiffusionModel(config, schedule, net);
    }

    /** The data set a config trains on. */
    public static Dataset datasetFor(TrainingConfig config) {
        return Datasets.create(config.dataset(), config.noiseStd());
    }

    public Dataset dataset() {
        return datasetFor(config);
    }

    public ReverseKernel kernel() {
        return new ReverseKernel(network, schedule);
    }

    public int dims() {
        return network.dims();
    }

    /** A deep copy (safe to use on another thread). */
    public DiffusionModel copy() {
        return new DiffusionModel(config, schedule, network.copy());
    }
}
