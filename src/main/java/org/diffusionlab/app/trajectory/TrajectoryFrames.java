package org.diffusionlab.app.trajectory;

import org.diffusionlab.engine.gaussian.KernelField;
import org.diffusionlab.engine.gaussian.Trajectory;

/**
 * Everything the Trajectory pane shows for one model snapshot, computed once in the background and then only read:
 * the forward trajectory of data points (coloured by where each started), the reverse trajectory of the model
 * (coloured by the data point nearest to where each ended), the reverse kernel's drift on a coarse grid and its
 * variance on a fine grid, for every t. Scrubbing t only redraws from these arrays.
 *
 * @param forward         x_0 .. x_T under q, starting from data
 * @param forwardColour   each forward point's colour coordinate (its start on the data), NaN if none
 * @param reverse         x_T .. x_0 under the model's p, starting from N(0, I)
 * @param reverseColour   each reverse point's colour coordinate: that of the data point nearest its end x_0
 * @param arrows          drift f_mu(x, t) - x on the arrow grid
 * @param heat            f_Sigma on the heat-map grid ({@code heatSide} x {@code heatSide}, row 0 at the top)
 * @param heatSide        cells per side of the heat-map grid
 * @param betas           beta_1 .. beta_T of the model's schedule
 * @param posteriorVariance beta~_t for t = 1..T (index t - 1): the lower end of the reverse variance's range
 * @param extent          half the side of the square the grids cover, in data units
 * @param seed            the seed of the noise
 * @param iteration       the training iteration of the snapshot
 * @param dataset         the data set's name
 * @param requestedPoints the number of points asked for (more than drawn when memory would not allow)
 */
public record TrajectoryFrames(Trajectory forward, float[] forwardColour, Trajectory reverse, float[] reverseColour,
                               KernelField arrows, KernelField heat, int heatSide, double[] betas,
                               double[] posteriorVariance, double extent, long seed, long iteration, String dataset,
                               int requestedPoints) {

    /** T. */
    public int steps() {
        return forward.steps();
    }

    public int points() {
        return forward.points();
    }

    /** Points of a row at step t, x and y interleaved (a copy). */
    public float[] frame(Direction row, int t) {
        return (row == Direction.FORWARD ? forward : reverse).frame(t);
    }

    public Trajectory trajectory(Direction row) {
        return row == Direction.FORWARD ? forward : reverse;
    }

    public float[] colours(Direction row) {
        return row == Direction.FORWARD ? forwardColour : reverseColour;
    }
}
