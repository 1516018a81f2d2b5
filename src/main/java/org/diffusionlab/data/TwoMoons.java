package org.diffusionlab.data;

/**
 * Two interleaving half circles of radius 1 (the usual "two moons"): the upper one {@code (cos a, sin a)} and the
 * lower one {@code (1 - cos a, 1/2 - sin a)}, {@code a} uniform on {@code [0, pi]}, equally likely, plus noise. The
 * colour coordinate runs along the upper moon over {@code [0, 1/2)} and along the lower one over {@code [1/2, 1)}.
 */
public final class TwoMoons extends ParametricDataset {

    public static final String NAME = "moons";

    private static final double[] MOMENTS = midpointMoments(TwoMoons::point, 1 << 20);

    public TwoMoons(double noiseStd) {
        super(noiseStd, MOMENTS);
    }

    private static void point(double u, double[] out) {
        if (u < 0.5) {
            double a = Math.PI * 2 * u;
            out[0] = Math.cos(a);
            out[1] = Math.sin(a);
        } else {
            double a = Math.PI * (2 * u - 1);
            out[0] = 1 - Math.cos(a);
            out[1] = 0.5 - Math.sin(a);
        }
    }

    @Override
    protected void rawPoint(double u, double[] out) {
        point(u, out);
    }

    @Override
    protected double colourOf(double u) {
        return u;
    }

    @Override
    public String name() {
        return NAME;
    }
}
