package org.diffusionlab.app.trajectory;

import org.diffusionlab.data.Dataset;
import org.diffusionlab.data.NearestColour;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.gaussian.ForwardProcess;
import org.diffusionlab.engine.gaussian.KernelField;
import org.diffusionlab.engine.gaussian.ReverseKernel;
import org.diffusionlab.engine.gaussian.ReverseSampler;
import org.diffusionlab.engine.gaussian.Trajectory;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.train.Snapshot;

/**
 * Computes a {@link TrajectoryFrames} from a model snapshot, on a background thread (it allocates ND4J arrays through
 * the engine). Deterministic: the same snapshot, point count and seed give the same frames.
 */
public final class TrajectoryComputer {

    /** Fewest and most points a view may ask for. */
    public static final int MIN_POINTS = 1_000;
    public static final int MAX_POINTS = 100_000;
    public static final int DEFAULT_POINTS = 10_000;
    /**
     * Most points x (T + 1) kept per process: 8 M point-steps is 64 MB of floats per row; beyond it fewer points are
     * drawn (and the pane says so) rather than the machine running out of memory at large T.
     */
    public static final long MAX_POINT_STEPS = 8_000_000L;
    /** Half the side of the square shown, in data units: unit-variance data and N(0, I) both fit within about 3. */
    public static final double EXTENT = 3.0;
    /** Arrows per side of the drift grid, and cells per side of the variance heat map. */
    public static final int ARROW_SIDE = 21;
    public static final int HEAT_SIDE = 64;
    /** Reference data points that reverse samples take their colour from. */
    static final int COLOUR_REFERENCE = 5_000;

    /** What to compute. */
    public record Request(Snapshot snapshot, int points, long seed) {
        public Request {
            if (points < MIN_POINTS || points > MAX_POINTS) {
                throw new IllegalArgumentException("points must be between " + MIN_POINTS + " and " + MAX_POINTS
                        + ", got " + points);
            }
        }
    }

    private TrajectoryComputer() {
    }

    /** The number of points actually drawn for a request at T steps (see {@link #MAX_POINT_STEPS}). */
    public static int pointsFor(int requested, int steps) {
        return (int) Math.min(requested, MAX_POINT_STEPS / (steps + 1));
    }

    public static TrajectoryFrames compute(Request request) {
        Snapshot s = request.snapshot();
        return compute(s.toModel(), request.points(), request.seed(), s.iteration());
    }

    public static TrajectoryFrames compute(DiffusionModel model, int requested, long seed, long iteration) {
        BetaSchedule schedule = model.schedule();
        int steps = schedule.steps();
        int n = pointsFor(requested, steps);
        Dataset data = model.dataset();

        // Forward: data points (coloured by where they start) diffused by q, one kernel step at a time.
        Dataset.Coloured start = data.sampleColoured(n, seed);
        Trajectory forward = new ForwardProcess(schedule).trajectory(start.points(), seed + 1);
        float[] forwardColour = toFloat(start.colour());

        // Reverse: the model's p from N(0, I); each end point takes the colour of the nearest data point.
        ReverseKernel kernel = model.kernel();
        Trajectory reverse = ReverseSampler.sample(kernel, n, seed + 2);
        float[] reverseColour = new float[n];
        Dataset.Coloured reference = data.sampleColoured(COLOUR_REFERENCE, seed + 3);
        if (hasColours(reference.colour())) {
            NearestColour nearest = new NearestColour(reference);
            for (int i = 0; i < n; i++) {
                reverseColour[i] = (float) nearest.colourAt(reverse.coordinate(0, i, 0), reverse.coordinate(0, i, 1));
            }
        } else {
            java.util.Arrays.fill(reverseColour, Float.NaN);
        }

        KernelField arrows = KernelField.of(kernel, grid(ARROW_SIDE));
        KernelField heat = KernelField.of(kernel, grid(HEAT_SIDE));
        double[] posterior = new double[steps];
        for (int t = 1; t <= steps; t++) {
            posterior[t - 1] = t == 1 ? 0 : schedule.posteriorVariance(t);
        }
        return new TrajectoryFrames(forward, forwardColour, reverse, reverseColour, arrows, heat, HEAT_SIDE,
                schedule.betas(), posterior, EXTENT, seed, iteration, model.config().dataset(), requested);
    }

    /**
     * Cell centres of a side x side grid over [-EXTENT, EXTENT]^2, row-major with row 0 at the top (largest y), so a
     * heat map's cells line up with image rows.
     */
    static double[][] grid(int side) {
        double[][] g = new double[side * side][];
        double cell = 2 * EXTENT / side;
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                g[r * side + c] = new double[] {-EXTENT + (c + 0.5) * cell, EXTENT - (r + 0.5) * cell};
            }
        }
        return g;
    }

    private static boolean hasColours(double[] colour) {
        for (double c : colour) {
            if (!Double.isNaN(c)) {
                return true;
            }
        }
        return false;
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
