package org.diffusionlab.engine.image;

/**
 * The paper's J temporal bump functions g_j(t): Gaussians over t with centres spread evenly over 1..T and a width of
 * the spacing, normalised to sum to 1 at every t, so the readout varies smoothly with t while the lower layers are
 * shared by every step.
 */
public final class TemporalBumps {

    private TemporalBumps() {
    }

    /** g_1(t) .. g_J(t) for t in 1..T; they sum to 1. */
    public static double[] weights(int t, int steps, int bumps) {
        double[] g = new double[bumps];
        if (bumps == 1) {
            g[0] = 1;
            return g;
        }
        double spacing = (steps - 1.0) / (bumps - 1);
        double sum = 0;
        for (int j = 0; j < bumps; j++) {
            double centre = 1 + j * spacing;
            double z = (t - centre) / spacing;
            g[j] = Math.exp(-0.5 * z * z);
            sum += g[j];
        }
        for (int j = 0; j < bumps; j++) {
            g[j] /= sum;
        }
        return g;
    }
}
