package org.diffusionlab.cli;

import org.diffusionlab.engine.model.MlpArchitecture;
import org.diffusionlab.engine.train.TrainingConfig;

/**
 * The arithmetic of the reverse-kernel network, counted as multiply-adds (2 FLOPs each) of its matrix products;
 * element-wise work (activations, the kernel's mean and variance) is left out, so the counts are lower bounds.
 */
public final class Flops {

    private Flops() {
    }

    /**
     * FLOPs of one network evaluation on one row: sum over layers of 2 x in x out (first layer in = d for a dense
     * layer; an RBF layer costs 2 x d x H for the squared distances plus H), plus the readout 2 x H_last x 2d.
     */
    public static double forwardPerRow(MlpArchitecture a, int dims) {
        int h1 = a.width(0);
        double f = 2.0 * dims * h1;
        if (a.firstLayer() == MlpArchitecture.FirstLayer.RBF) {
            f += h1;
        }
        for (int l = 1; l < a.layers(); l++) {
            f += 2.0 * a.width(l - 1) * a.width(l);
        }
        f += 2.0 * a.width(a.layers() - 1) * 2 * dims;
        return f;
    }

    /** FLOPs of one training iteration: forward and backward (3 x forward) on batch x (T - 1) rows. */
    static double trainingPerIteration(TrainingConfig c, int dims) {
        return 3 * forwardPerRow(c.mlpArchitecture(), dims) * c.batchSize() * (c.steps() - 1.0);
    }

    /**
     * FLOPs of drawing n samples: the network runs once per point at t = T..2 (T - 1 times; the last step,
     * t = 1, is the fixed forward kernel and needs no network).
     */
    public static double sampling(TrainingConfig c, int dims, long n) {
        return forwardPerRow(c.mlpArchitecture(), dims) * n * (c.steps() - 1.0);
    }
}
