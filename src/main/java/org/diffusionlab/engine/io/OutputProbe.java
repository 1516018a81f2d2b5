package org.diffusionlab.engine.io;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The last check of every model file: the loaded network, run on a few fixed inputs, must give finite outputs. Finite
 * weights can still overflow together (a weight of 1e20 times another of 1e20 is infinite in float32), and a model
 * that computes NaN would only show it later, as NaN samples.
 */
public final class OutputProbe {

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

    /** Refuses the file if the outputs hold a NaN or an infinity; {@code what} says where they came from. */
    public static void requireFinite(ModelArchive.Contents file, String what, INDArray outputs)
            throws ModelFileException {
        requireFinite(file, what, outputs.dup().data().asDouble());
    }

    public static void requireFinite(ModelArchive.Contents file, String what, double[] outputs) throws ModelFileException {
        for (double v : outputs) {
            if (!Double.isFinite(v)) {
                throw file.fail("its network gives " + v + " for " + what
                        + " (its weights are finite but overflow together); the file is corrupt");
            }
        }
    }
}
