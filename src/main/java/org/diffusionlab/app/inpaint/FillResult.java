package org.diffusionlab.app.inpaint;

import org.diffusionlab.engine.image.ImageTrajectory;

/**
 * A finished run: its job, every x_t of every fill (grey levels, t = T down to 0), and how long it took. Immutable
 * (the trajectory hands out copies).
 */
public record FillResult(FillJob job, ImageTrajectory trajectory, double seconds) {

    public int steps() {
        return trajectory.steps();
    }

    public int fills() {
        return trajectory.images();
    }

    /** Fill i at step t, grey levels. */
    public float[] image(int t, int i) {
        return trajectory.image(t, i);
    }

    /** Fill i's result x_0. */
    public float[] filled(int i) {
        return trajectory.image(0, i);
    }
}
