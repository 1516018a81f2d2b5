package org.diffusionlab.engine.posterior;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The multiplied reverse step p~(x_{t-1}|x_t) ∝ p(x_{t-1}|x_t) r(x_{t-1}) for a Gaussian kernel and a Gaussian (or
 * clamping) r, in closed form per pixel: N(x; mu, v) N(x; y, 1/lambda) ∝ N(x; mu', v') with
 * v' = v / (1 + lambda v) and mu' = (mu + lambda v y) / (1 + lambda v). lambda = 0 leaves the kernel as it is;
 * lambda = +infinity gives mu' = y exactly and v' = 0 (the pixel is clamped).
 */
public final class GaussianProduct {

    private GaussianProduct() {
    }

    /** The product's mean for one pixel. */
    public static double mean(double mu, double v, double y, double lambda) {
        if (lambda == Double.POSITIVE_INFINITY) {
            return y;
        }
        return (mu + lambda * v * y) / (1 + lambda * v);
    }

    /** The product's variance for one pixel. */
    public static double variance(double v, double lambda) {
        if (lambda == Double.POSITIVE_INFINITY) {
            return 0;
        }
        return v / (1 + lambda * v);
    }

    /** The observation prepared as ND4J rows for {@link #apply}. */
    public record Rows(INDArray values, INDArray finitePrecision, INDArray clampMask, INDArray freeMask, boolean anyClamped) {
    }

    /** Turns an observation into [1, P] rows (allocate once, outside the sampling loop's workspace). */
    public static Rows rows(PixelObservation obs) {
        int p = obs.pixels();
        float[] y = obs.values();
        float[] lambda = obs.precision();
        float[] finite = new float[p];
        float[] clamp = new float[p];
        float[] free = new float[p];
        boolean any = false;
        for (int i = 0; i < p; i++) {
            boolean c = lambda[i] == Float.POSITIVE_INFINITY;
            any |= c;
            finite[i] = c ? 0f : lambda[i];
            clamp[i] = c ? 1f : 0f;
            free[i] = c ? 0f : 1f;
        }
        return new Rows(row(y), row(finite), row(clamp), row(free), any);
    }

    private static INDArray row(float[] v) {
        return Nd4j.createFromArray(v).reshape(1, v.length);
    }

    /**
     * Replaces {@code mean} and {@code variance} ([n, P], float) by the product's moments, in place. Clamped pixels end
     * exactly at y with variance exactly 0.
     */
    public static void apply(INDArray mean, INDArray variance, Rows r) {
        if (mean.dataType() != DataType.FLOAT || variance.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("Expected float arrays");
        }
        INDArray lv = variance.mulRowVector(r.finitePrecision());               // lambda v
        INDArray denom = lv.add(1.0);
        mean.addi(lv.muliRowVector(r.values())).divi(denom);                  // (mu + lambda v y) / (1 + lambda v)
        variance.divi(denom);
        if (r.anyClamped()) {
            // mu' = mu' * free + y * clamp: for clamped pixels 0 + y = y, bit for bit.
            mean.muliRowVector(r.freeMask()).addiRowVector(r.values().mul(r.clampMask()));
            variance.muliRowVector(r.freeMask());
        }
    }
}
