package org.diffusionlab.data;

/**
 * The training distribution of {@link UserData}: one of its points, each equally likely, plus isotropic Gaussian
 * noise of {@code noiseStd} in the data's raw units, standardised to unit variance per dimension. The colour
 * coordinate is the point's place in the drawing order.
 */
public final class UserDataset extends ParametricDataset {

    private final UserData data;

    public UserDataset(UserData data, double noiseStd) {
        super(noiseStd, moments(data.points()));
        this.data = data;
    }

    /** Exact mean and (population) variance of the points: {meanX, meanY, varianceX, varianceY}. */
    static double[] moments(double[][] points) {
        double mx = 0;
        double my = 0;
        for (double[] p : points) {
            mx += p[0];
            my += p[1];
        }
        mx /= points.length;
        my /= points.length;
        double vx = 0;
        double vy = 0;
        for (double[] p : points) {
            vx += (p[0] - mx) * (p[0] - mx);
            vy += (p[1] - my) * (p[1] - my);
        }
        return new double[] {mx, my, vx / points.length, vy / points.length};
    }

    public UserData data() {
        return data;
    }

    private int index(double u) {
        return Math.min(data.size() - 1, (int) (u * data.size()));
    }

    @Override
    protected void rawPoint(double u, double[] out) {
        int i = index(u);
        out[0] = data.x(i);
        out[1] = data.y(i);
    }

    @Override
    protected double colourOf(double u) {
        return data.size() == 1 ? 0 : (double) index(u) / (data.size() - 1);
    }

    @Override
    public String name() {
        return data.id();
    }
}
