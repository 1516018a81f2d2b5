package org.diffusionlab.engine.io;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The last check of every model file: the loaded network, run on a few fixed inputs, must give finite outputs of a
 * sane size. Finite weights can still overflow together (a weight of 1e20 times another of 1e20 is infinite in
 * float32), and a model that computes NaN or 1e30 would only show it later, as NaN samples.
 *
 * <p>The outputs are the network's raw readouts (mean offsets and variance logits in units of the data's spread, or
 * a binary kernel's logits): the shipped models give at most about 22 on the probe; {@value #MAX_OUTPUT} leaves room
 * for any trained model while refusing what can only come from damaged weights.
 */
public final class OutputProbe {

    /** The largest network output on the probe that a file may give. */
    public static final double MAX_OUTPUT = 1e6;

    private OutputProbe() {
    }

    /** {@code n} fixed inputs of {@code width} values in [-2, 2], spread evenly but not on a grid. */
    public static float[] inputs(int n, int width) {
        float[] x = new float[n * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (4 * ((i * 0.6180339887498949) % 1.0) - 2);   // golden-ratio sequence
        }
        return x;
    }

    /** Refuses the file if the outputs hold a NaN, an infinity or a value beyond {@link #MAX_OUTPUT}. */
    public static void check(ModelArchive.Contents file, String what, INDArray outputs) throws ModelFileException {
        check(file, what, outputs.dup().data().asDouble());
    }

    public static void check(ModelArchive.Contents file, String what, double[] outputs) throws ModelFileException {
        for (double v : outputs) {
            if (!Double.isFinite(v)) {
                throw file.fail("its network gives " + v + " for " + what
                        + " (its weights are finite but overflow together); the file is corrupt");
            }
        }
        for (double v : outputs) {
            if (Math.abs(v) > MAX_OUTPUT) {
                throw file.fail("its network gives " + v + " for " + what + ", far beyond what a trained network"
                        + " gives (at most " + MAX_OUTPUT + "); its weights are corrupt");
            }
        }
    }
}
