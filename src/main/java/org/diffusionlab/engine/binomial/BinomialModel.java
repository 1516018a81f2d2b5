package org.diffusionlab.engine.binomial;

import org.diffusionlab.engine.Workspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;

/**
 * A binomial diffusion model: its config (which fixes the data, T and the forward process) and the reverse network.
 * The first reverse step p(x_0 | x_1) is the forward kernel itself (its own reverse under B(1/2)), as in the bound.
 * Its ND4J arrays belong to the thread that uses it; {@link #copy()} for another thread.
 */
public final class BinomialModel {

    private final BinomialConfig config;
    private final BinomialNetwork network;

    public BinomialModel(BinomialConfig config, BinomialNetwork network) {
        if (!config.architecture().equals(network.architecture()) || network.process().steps() != config.steps()) {
            throw new IllegalArgumentException("the network does not match the config");
        }
        this.config = config;
        this.network = network;
    }

    /** An untrained model for a config (float32 weights). */
    public static BinomialModel untrained(BinomialConfig config) {
        return new BinomialModel(config, BinomialNetwork.initialise(config.architecture(), config.process(),
                config.sequences()[0].length, config.seed(), DataType.FLOAT));
    }

    public BinomialConfig config() {
        return config;
    }

    public BinomialNetwork network() {
        return network;
    }

    public BinomialProcess process() {
        return network.process();
    }

    public int steps() {
        return config.steps();
    }

    public int bins() {
        return network.bins();
    }

    public BinomialModel copy() {
        return new BinomialModel(config, network.copy());
    }

    /**
     * p(x_{t-1} = 1 | x_t) for every bin of {@code rows} sequences x_t (row-major), all at step t (1..T).
     */
    public double[] kernel(byte[] xt, int rows, int t) {
        BinomialProcess process = process();
        int bins = bins();
        double[] p = new double[rows * bins];
        if (t == 1) {
            for (int i = 0; i < p.length; i++) {
                p[i] = process.forwardProbability(1, xt[i]);
            }
            return p;
        }
        int[] steps = new int[rows];
        java.util.Arrays.fill(steps, t);
        double[] z;
        try (MemoryWorkspace ws = Workspaces.open("binomial-kernel")) {
            z = network.forward(xt, steps).z();
        }
        Parameterisation param = config.parameterisation();
        for (int i = 0; i < p.length; i++) {
            p[i] = param.probability(process, t, xt[i], z[i]);
        }
        return p;
    }
}
