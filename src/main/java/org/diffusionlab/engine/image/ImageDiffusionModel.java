package org.diffusionlab.engine.image;

import org.diffusionlab.engine.gaussian.GaussianMath;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained image model: its settings, the fixed schedule, the network, and the affine map between grey levels in
 * [0, 1] and the model's unit-variance space (x = (v - dataMean) / dataStd, one mean and deviation for all pixels).
 * Bounds are in bits per pixel of that space, as the paper reports them (L_null = -2.047 bits per pixel).
 */
public record ImageDiffusionModel(ImageTrainingConfig config, BetaSchedule schedule, ImageNetwork network,
                                  double dataMean, double dataStd, boolean eightBit) {

    public ImageDiffusionModel {
        if (!(dataStd > 0) || !Double.isFinite(dataMean)) {
            throw new IllegalArgumentException("Data scale must be finite and positive, got mean " + dataMean + ", std " + dataStd);
        }
        if (network.steps() != schedule.steps() || network.size() != config.size()) {
            throw new IllegalArgumentException("The network does not match the settings (T or image size)");
        }
    }

    /** A fresh model for a run (untrained network, the given data scale). */
    public static ImageDiffusionModel untrained(ImageTrainingConfig c, double mean, double std, boolean eightBit) {
        return new ImageDiffusionModel(c, c.betaSchedule(),
                ImageNetwork.initialise(c.architecture(), c.size(), c.steps(), c.seed()), mean, std, eightBit);
    }

    public int size() {
        return config.size();
    }

    public int pixels() {
        return config.size() * config.size();
    }

    public ImageKernel kernel() {
        return new ImageKernel(network, schedule);
    }

    /** A copy sharing no arrays (for another thread). */
    public ImageDiffusionModel copy() {
        return new ImageDiffusionModel(config, schedule, network.copy(), dataMean, dataStd, eightBit);
    }

    /** Images in [0, 1] to the model's space, [n, H*W]. */
    public INDArray toModelSpace(float[][] images) {
        int p = pixels();
        float[] flat = new float[images.length * p];
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != p) {
                throw new IllegalArgumentException("Image " + i + " has " + images[i].length + " pixels, the model " + p);
            }
            for (int k = 0; k < p; k++) {
                flat[i * p + k] = (float) ((images[i][k] - dataMean) / dataStd);
            }
        }
        return Nd4j.createFromArray(flat).reshape(images.length, p);
    }

    /** A value of the model's space as a grey level (not clipped). */
    public float toGrey(float x) {
        return (float) (x * dataStd + dataMean);
    }

    /** L_null per pixel: the unit Gaussian's expected log-likelihood of unit-variance data, bits. */
    public static double nullBitsPerPixel() {
        return GaussianMath.nullLogLikelihoodBits(1);
    }

    /**
     * The cap on K, bits per pixel, set by the fixed last reverse step p(x_0|x_1) = N(sqrt(1 - beta_1) x_1, beta_1): no
     * density of variance beta_1 exceeds its peak, -1/2 log2(2 pi beta_1).
     */
    public double bitsPerPixelCap() {
        return -0.5 * Math.log(2 * Math.PI * schedule.beta(1)) / GaussianMath.LN2;
    }
}
