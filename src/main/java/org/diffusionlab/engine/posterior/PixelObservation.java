package org.diffusionlab.engine.posterior;

import java.util.Arrays;

/**
 * What is known about each pixel of an image, as the factor r(x) = prod_i N(x_i; y_i, 1/lambda_i) by which the model's
 * distribution is multiplied (FACTS.md, "Multiplying distributions"). Per pixel: lambda = 0, nothing known (r = 1);
 * lambda = +infinity, the pixel is known exactly and clamped to y (inpainting); anything between, a Gaussian
 * observation of precision lambda (denoising). Values are in the model's space.
 */
public record PixelObservation(float[] values, float[] precision) {

    public PixelObservation {
        if (values.length != precision.length) {
            throw new IllegalArgumentException("Need one precision per value: " + values.length + " values, "
                    + precision.length + " precisions");
        }
        for (int i = 0; i < values.length; i++) {
            if (!(precision[i] >= 0) || (precision[i] > 0 && !Float.isFinite(values[i]))) {
                throw new IllegalArgumentException("Pixel " + i + ": precision " + precision[i] + ", value " + values[i]
                        + " (precision must be >= 0, and an observed value finite)");
            }
        }
        values = values.clone();
        precision = precision.clone();
    }

    /** Inpainting: pixels where {@code known} is true are clamped to {@code values}; the rest are free. */
    public static PixelObservation clamp(float[] values, boolean[] known) {
        float[] lambda = new float[values.length];
        for (int i = 0; i < lambda.length; i++) {
            lambda[i] = known[i] ? Float.POSITIVE_INFINITY : 0f;
        }
        float[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            if (!known[i]) {
                v[i] = 0f;       // unknown pixels carry no value (their precision is 0)
            }
        }
        return new PixelObservation(v, lambda);
    }

    /** Denoising: every pixel observed with Gaussian noise of standard deviation sigma (model units); sigma = 0 clamps. */
    public static PixelObservation gaussian(float[] values, double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("The noise level must be a finite number >= 0, got " + sigma);
        }
        float[] lambda = new float[values.length];
        Arrays.fill(lambda, sigma == 0 ? Float.POSITIVE_INFINITY : (float) (1.0 / (sigma * sigma)));
        return new PixelObservation(values, lambda);
    }

    public int pixels() {
        return values.length;
    }

    /** Whether pixel i is clamped (known exactly). */
    public boolean clamped(int i) {
        return precision[i] == Float.POSITIVE_INFINITY;
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    @Override
    public float[] precision() {
        return precision.clone();
    }
}
