package org.diffusionlab.engine.gaussian;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.diffusionlab.engine.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws samples by running the reverse process from x_T ~ N(0, I) down to x_0, every step included (the released
 * code skipped the last one), keeping the whole trajectory.
 */
public final class ReverseSampler {

    private ReverseSampler() {
    }

    /**
     * A reverse trajectory of n points.
     *
     * @return frames[t] = x_t as [n][d] floats flattened row-major, for t = 0..T
     */
    public static Trajectory sample(ReverseKernel kernel, int n, long seed) {
        int steps = kernel.schedule().steps();
        int d = kernel.dims();
        Random rng = new Random(seed);
        float[][] frames = new float[steps + 1][];
        INDArray x = gaussian(rng, n, d).castTo(kernel.network().dataType());   // carried across steps, outside the workspace
        frames[steps] = x.castTo(DataType.FLOAT).data().asFloat();
        for (int t = steps; t >= 1; t--) {
            try (MemoryWorkspace ws = Workspaces.open("reverse-sampler")) {
                ReverseKernel.Moments m = kernel.moments(x, t);
                x.assign(m.sample(gaussian(rng, n, d)));
            }
            frames[t - 1] = x.castTo(DataType.FLOAT).data().asFloat();
        }
        return new Trajectory(n, d, frames);
    }

    /** Standard normal [n, d] from a Java RNG (deterministic across platforms and thread counts). */
    static INDArray gaussian(Random rng, int n, int d) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return Nd4j.createFromArray(v).reshape(n, d);
    }
}
