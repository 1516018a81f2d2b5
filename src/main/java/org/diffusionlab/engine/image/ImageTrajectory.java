package org.diffusionlab.engine.image;

/**
 * The images of a reverse run at every step kept: x_T (pure noise) down to x_0 (the samples), in grey levels
 * (0 black, 1 white; not clipped, so values slightly outside [0, 1] can occur).
 */
public final class ImageTrajectory {

    private final int images;
    private final int size;
    private final int steps;
    private final float[][] frames;     // frames[t] = [images * size * size], or null when not kept

    ImageTrajectory(int images, int size, int steps, float[][] frames) {
        this.images = images;
        this.size = size;
        this.steps = steps;
        this.frames = frames;
    }

    public int images() {
        return images;
    }

    public int size() {
        return size;
    }

    /** T: frames run from t = T (noise) to t = 0 (samples). */
    public int steps() {
        return steps;
    }

    /** Whether the frame of step t was kept. */
    public boolean hasFrame(int t) {
        return t >= 0 && t <= steps && frames[t] != null;
    }

    /** Image i at step t, [size * size] row-major (a copy). */
    public float[] image(int t, int i) {
        if (!hasFrame(t)) {
            throw new IllegalArgumentException("Step " + t + " was not kept");
        }
        float[] out = new float[size * size];
        System.arraycopy(frames[t], i * size * size, out, 0, size * size);
        return out;
    }

    /** All images at step t. */
    public float[][] frame(int t) {
        float[][] out = new float[images][];
        for (int i = 0; i < images; i++) {
            out[i] = image(t, i);
        }
        return out;
    }

    /** The samples x_0. */
    public float[][] samples() {
        return frame(0);
    }
}
