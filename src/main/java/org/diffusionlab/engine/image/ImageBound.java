package org.diffusionlab.engine.image;

import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.diffusionlab.engine.Workspaces;
import org.diffusionlab.engine.gaussian.GaussianBound;
import org.diffusionlab.engine.gaussian.GaussianMath;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The bound K on held-out images, in bits per pixel of the model's unit-variance space, as the exact sum over
 * t = 2..T of the KL terms (one forward sample x_t per image and step) plus the entropy terms (FACTS.md):
 * K = -sum_t KL(q(x_{t-1}|x_t,x_0) || p(x_{t-1}|x_t)) + H_q(X_T|X_0) - H_q(X_1|X_0) - H_p(X_T).
 */
public final class ImageBound {

    /** Images per network pass. */
    static final int CHUNK = 64;

    /**
     * @param kBits          mean K over the images, bits per pixel
     * @param standardError  its standard error over the images
     * @param perStepKlBits  index t in 0..T: the mean KL at step t, bits per pixel (0 for t < 2)
     * @param entropyBits    the entropy terms, bits per pixel
     */
    public record Result(double kBits, double standardError, double[] perStepKlBits, double entropyBits, int images) {
        /** K - L_null, bits per pixel. */
        public double kMinusNullBits() {
            return kBits - ImageDiffusionModel.nullBitsPerPixel();
        }
    }

    private ImageBound() {
    }

    /**
     * Evaluates K on images x0 ([n, H*W], model space). Deterministic for a seed; {@code cancelled} is checked between
     * network passes (a CancellationException ends it).
     */
    public static Result evaluate(ImageKernel kernel, INDArray x0, long seed, BooleanSupplier cancelled) {
        int steps = kernel.schedule().steps();
        int n = (int) x0.size(0);
        int p = (int) x0.size(1);
        Random rng = new Random(seed);
        double[] perImage = new double[n];
        double[] perStep = new double[steps + 1];
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            INDArray chunk = x0.get(NDArrayIndex.interval(from, from + m), NDArrayIndex.all()).dup();
            int[] ts = new int[m];
            for (int t = 2; t <= steps; t++) {
                if (cancelled != null && cancelled.getAsBoolean()) {
                    throw new CancellationException("Evaluation cancelled");
                }
                java.util.Arrays.fill(ts, t);
                double[] kl;
                try (MemoryWorkspace ws = Workspaces.open("image-bound")) {
                    kl = kernel.klPerImage(chunk, ts, gaussian(rng, m, p), null, 0);
                }
                for (int i = 0; i < m; i++) {
                    perImage[from + i] += kl[i];
                    perStep[t] += kl[i];
                }
            }
        }
        double entropy = GaussianBound.entropyTerms(kernel.schedule(), p);
        double mean = 0;
        double[] kBits = new double[n];
        for (int i = 0; i < n; i++) {
            kBits[i] = GaussianMath.toBits(-perImage[i] + entropy) / p;
            mean += kBits[i];
        }
        mean /= n;
        double var = 0;
        for (double k : kBits) {
            var += (k - mean) * (k - mean);
        }
        double se = n > 1 ? Math.sqrt(var / (n - 1) / n) : Double.NaN;
        for (int t = 2; t <= steps; t++) {
            perStep[t] = GaussianMath.toBits(perStep[t] / n) / p;
        }
        return new Result(mean, se, perStep, GaussianMath.toBits(entropy) / p, n);
    }

    /** Standard normal [n, p] from a Java generator (the same numbers on every platform). */
    static INDArray gaussian(Random rng, int n, int p) {
        float[] v = new float[n * p];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return Nd4j.createFromArray(v).reshape(n, p);
    }
}
