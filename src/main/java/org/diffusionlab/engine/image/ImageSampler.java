package org.diffusionlab.engine.image;

import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.diffusionlab.engine.Workspaces;
import org.diffusionlab.engine.posterior.GaussianProduct;
import org.diffusionlab.engine.posterior.PixelObservation;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runs the reverse process from x_T ~ N(0, I) down to x_0, every step included (the first, p(x_0|x_1), too),
 * optionally multiplied at every step by what is known of the image (FACTS.md: p~(x_{t-1}|x_t) ∝ p(x_{t-1}|x_t)
 * r(x_{t-1})): clamped pixels stay exactly at their observed value at every step, observed-with-noise pixels take the
 * exact Gaussian product. Cancellable between steps; a listener sees every x_t as it is made (for animating a fill).
 */
public final class ImageSampler {

    /** Sees each step's images in grey levels, t = T first; called on the sampling thread. */
    @FunctionalInterface
    public interface StepListener {
        void step(int t, float[][] images);
    }

    /** What to run. */
    public record Request(int images, PixelObservation observation, long seed, boolean keepAllFrames) {
        public Request {
            if (images < 1 || images > 100_000) {
                throw new IllegalArgumentException("Draw 1 to 100000 images, got " + images);
            }
        }

        /** Unconditional samples, every frame kept. */
        public static Request samples(int images, long seed) {
            return new Request(images, null, seed, true);
        }

        /** One image conditioned on an observation (inpainting, denoising), every frame kept. */
        public static Request conditioned(PixelObservation observation, long seed) {
            return new Request(1, observation, seed, true);
        }
    }

    /** Images moved through one reverse step together (bounds the memory a step's intermediates take). */
    static final int BLOCK = 512;

    private ImageSampler() {
    }

    /**
     * Runs the request. {@code cancelled} (may be null) is checked before every step: a CancellationException ends
     * the run. {@code listener} may be null.
     */
    public static ImageTrajectory run(ImageDiffusionModel model, Request req, BooleanSupplier cancelled,
                                      StepListener listener) {
        int steps = model.schedule().steps();
        int p = model.pixels();
        int n = req.images();
        PixelObservation obs = req.observation();
        if (obs != null && obs.pixels() != p) {
            throw new IllegalArgumentException("The observation has " + obs.pixels() + " pixels, the model " + p);
        }
        Random rng = new Random(req.seed());
        ImageKernel kernel = model.kernel();
        GaussianProduct.Rows rows = obs == null ? null : GaussianProduct.rows(obs);
        float[][] frames = new float[steps + 1][];
        INDArray x = ImageBound.gaussian(rng, n, p);                // carried across steps, outside the workspace
        if (rows != null) {
            // x_T ~ N(0, I) r(x_T): clamped pixels start at their value too.
            INDArray mean = x.like().assign(0);
            INDArray var = x.like().assign(1);
            GaussianProduct.apply(mean, var, rows);
            x.assign(mean.addi(Transforms.sqrt(var, true).muli(x)));
        }
        frames[steps] = toGrey(model, x);
        emit(listener, steps, frames[steps], n, p);
        for (int t = steps; t >= 1; t--) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                throw new CancellationException("Sampling cancelled at step " + t);
            }
            reverseStep(kernel, x, t, rows, rng);
            float[] frame = toGrey(model, x);
            if (req.keepAllFrames() || t == 1) {
                frames[t - 1] = frame;
            }
            emit(listener, t - 1, frame, n, p);
        }
        if (!req.keepAllFrames()) {
            // keep x_T and x_0 only
            for (int t = 1; t < steps; t++) {
                frames[t] = null;
            }
        }
        return new ImageTrajectory(n, model.size(), steps, frames);
    }

    /**
     * Real images diffused forward to {@code tStart} (x_t ~ q(x_t | x_0)) and brought back by the model's reverse
     * chain from there: how much of the images' structure the model restores from each noise level. Grey levels out.
     */
    public static float[][] fromDiffusedImages(ImageDiffusionModel model, float[][] images, int tStart, long seed) {
        int steps = model.schedule().steps();
        if (tStart < 1 || tStart > steps) {
            throw new IllegalArgumentException("The start step must be 1 to " + steps + ", got " + tStart);
        }
        int n = images.length;
        int p = model.pixels();
        Random rng = new Random(seed);
        double abar = model.schedule().abar(tStart);
        INDArray x = model.toModelSpace(images).muli(Math.sqrt(abar))
                .addi(ImageBound.gaussian(rng, n, p).muli(Math.sqrt(1 - abar)));
        ImageKernel kernel = model.kernel();
        for (int t = tStart; t >= 1; t--) {
            reverseStep(kernel, x, t, null, rng);
        }
        float[] grey = toGrey(model, x);
        float[][] out = new float[n][p];
        for (int i = 0; i < n; i++) {
            System.arraycopy(grey, i * p, out[i], 0, p);
        }
        return out;
    }

    /** x_t to x_{t-1} in place: a draw from p(x_{t-1} | x_t), multiplied by the observation's rows when given. */
    private static void reverseStep(ImageKernel kernel, INDArray x, int t, GaussianProduct.Rows rows, Random rng) {
        int n = (int) x.rows();
        int p = (int) x.columns();
        // One block of images at a time: a step's intermediate arrays live in the workspace until it closes,
        // and for thousands of images at once (the Parzen figure) they would not fit in memory.
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            try (MemoryWorkspace ws = Workspaces.open("image-sampler")) {
                INDArray block = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());   // a view of x
                ImageKernel.Moments m = kernel.moments(block, t);           // which copies what it reads
                INDArray mean = m.mean();
                INDArray var = m.variance();
                if (rows != null) {
                    GaussianProduct.apply(mean, var, rows);
                }
                block.assign(mean.addi(Transforms.sqrt(var, false).muli(ImageBound.gaussian(rng, to - from, p))));
            }
        }
    }

    private static float[] toGrey(ImageDiffusionModel model, INDArray x) {
        float[] v = x.dup().data().asFloat();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = model.toGrey(v[i]);
        }
        return out;
    }

    private static void emit(StepListener listener, int t, float[] frame, int n, int p) {
        if (listener == null) {
            return;
        }
        float[][] images = new float[n][p];
        for (int i = 0; i < n; i++) {
            System.arraycopy(frame, i * p, images[i], 0, p);
        }
        listener.step(t, images);
    }
}
