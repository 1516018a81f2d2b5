package org.diffusionlab.data;

/**
 * Eight equally likely Gaussian blobs centred on a circle of radius 2 (raw units) at angles {@code 2 pi k / 8}; the
 * noise standard deviation is each blob's spread (0 gives eight point masses). The colour coordinate is the
 * component, {@code (k + 1/2) / 8}.
 */
public final class GaussianMixture extends ParametricDataset {

    public static final String NAME = "gaussians8";
    public static final int COMPONENTS = 8;
    public static final double RADIUS = 2;

    // The centres are piecewise constant in u with pieces on the grid: the midpoint rule is exact.
    private static final double[] MOMENTS = midpointMoments(GaussianMixture::point, COMPONENTS * 1024);

    public GaussianMixture(double noiseStd) {
        super(noiseStd, MOMENTS);
    }

    private static int component(double u) {
        return Math.min(COMPONENTS - 1, (int) (u * COMPONENTS));
    }

    private static void point(double u, double[] out) {
        double a = 2 * Math.PI * component(u) / COMPONENTS;
        out[0] = RADIUS * Math.cos(a);
        out[1] = RADIUS * Math.sin(a);
    }

    @Override
    protected void rawPoint(double u, double[] out) {
        point(u, out);
    }

    @Override
    protected double colourOf(double u) {
        return (component(u) + 0.5) / COMPONENTS;
    }

    @Override
    public String name() {
        return NAME;
    }
}
