package org.diffusionlab.engine.gaussian;

/**
 * Points at every step t = 0..T of a diffusion (forward or reverse), immutable.
 * Frame t holds n points of d coordinates, row-major.
 */
public final class Trajectory {

    private final int points;
    private final int dims;
    private final float[][] frames;

    public Trajectory(int points, int dims, float[][] frames) {
        this.points = points;
        this.dims = dims;
        this.frames = new float[frames.length][];
        for (int t = 0; t < frames.length; t++) {
            if (frames[t].length != points * dims) {
                throw new IllegalArgumentException("Frame " + t + " has " + frames[t].length + " values, expected " + points * dims);
            }
            this.frames[t] = frames[t].clone();
        }
    }

    public int points() {
        return points;
    }

    public int dims() {
        return dims;
    }

    /** T: the last step index. */
    public int steps() {
        return frames.length - 1;
    }

    /** Coordinate {@code dim} of point {@code i} at step t. */
    public float coordinate(int t, int i, int dim) {
        return frames[t][i * dims + dim];
    }

    /** A copy of frame t. */
    public float[] frame(int t) {
        return frames[t].clone();
    }

    /** Frame t as [n][d] doubles. */
    public double[][] frameAsPoints(int t) {
        double[][] out = new double[points][dims];
        for (int i = 0; i < points; i++) {
            for (int k = 0; k < dims; k++) {
                out[i][k] = frames[t][i * dims + k];
            }
        }
        return out;
    }
}
