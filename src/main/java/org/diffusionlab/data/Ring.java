package org.diffusionlab.data;

/** The unit circle {@code (cos 2 pi u, sin 2 pi u)} plus noise; the colour coordinate is the angle, {@code u}. */
public final class Ring extends ParametricDataset {

    public static final String NAME = "ring";

    /** Exact: mean 0 and variance 1/2 per dimension. */
    private static final double[] MOMENTS = {0, 0, 0.5, 0.5};

    public Ring(double noiseStd) {
        super(noiseStd, MOMENTS);
    }

    @Override
    protected void rawPoint(double u, double[] out) {
        out[0] = Math.cos(2 * Math.PI * u);
        out[1] = Math.sin(2 * Math.PI * u);
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
