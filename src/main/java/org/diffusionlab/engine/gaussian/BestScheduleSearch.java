package org.diffusionlab.engine.gaussian;

import java.util.function.Consumer;
import org.diffusionlab.data.SwissRoll;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.train.Optimizer;
import org.diffusionlab.engine.train.OptimizerKind;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Searches for the schedule under which the best Gaussian kernel ({@link OptimalKernelBound}) reaches the highest
 * bound: with it, the best any network of the paper's form can do for this data, T and beta_1, whatever its schedule.
 *
 * <p>beta_1 stays fixed; log beta_t is interpolated linearly between {@value #KNOTS} knots spread over t = 2..T, and
 * the knots climb the bound by Adam (the trainers' {@link Optimizer}) on central finite differences. Every evaluation during the search uses the same
 * points and noise (common random numbers), so differences between nearby schedules are far more precise than the
 * bound's own standard error; the winner and the starting schedule are then compared on fresh points, since a search
 * on fixed points also fits their noise.
 */
public final class BestScheduleSearch {

    static final int KNOTS = 10;
    private static final double STEP = 0.03;          // finite-difference step in log beta
    private static final double RATE = 0.1;           // Adam step in log beta
    private static final double MAX_BETA = 0.9;

    /** One iteration's progress: the bound of the schedule now, on the search's points. */
    public record Progress(int iteration, int iterations, double kBits) {
    }

    /**
     * @param start          the schedule the search started from
     * @param best           the best schedule found
     * @param startFreshBits the best kernel's bound under {@code start} on fresh points
     * @param bestFreshBits  the same under {@code best}, on the same fresh points
     * @param freshSeBits    the standard error of either on those points
     */
    public record Result(BetaSchedule start, BetaSchedule best, double startFreshBits, double bestFreshBits,
                         double freshSeBits) {
    }

    private BestScheduleSearch() {
    }

    /**
     * @param searchPoints points (from the roll) the search climbs on, with the noise of {@code seed + 1}
     * @param freshPoints  other points for the final comparison, with the noise of {@code seed} (so the model's
     *                     schedule gets the same figure as {@code OptimalKernelBound.compute(.., freshPoints, seed)})
     */
    public static Result search(SwissRoll roll, BetaSchedule start, double[][] searchPoints, double[][] freshPoints,
                                int iterations, long seed, Consumer<Progress> progress) {
        int steps = start.steps();
        if (steps < 3) {
            throw new IllegalArgumentException("A schedule search needs T >= 3, got " + steps);
        }
        int[] knots = knots(steps);
        double[] logBeta = new double[knots.length];
        for (int i = 0; i < knots.length; i++) {
            logBeta[i] = Math.log(start.beta(knots[i]));
        }
        INDArray knotParams = Nd4j.createFromArray(logBeta);
        Optimizer adam = new Optimizer(OptimizerKind.ADAM, knotParams);
        double[] best = logBeta.clone();
        long searchSeed = seed + 1;
        double bestBits = bound(roll, schedule(start, knots, logBeta), searchPoints, searchSeed);
        for (int it = 1; it <= iterations; it++) {
            double[] g = new double[knots.length];
            for (int i = 0; i < knots.length; i++) {
                double[] up = logBeta.clone();
                double[] down = logBeta.clone();
                up[i] += STEP;
                down[i] -= STEP;
                g[i] = (bound(roll, schedule(start, knots, up), searchPoints, searchSeed)
                        - bound(roll, schedule(start, knots, down), searchPoints, searchSeed)) / (2 * STEP);
            }
            knotParams.assign(Nd4j.createFromArray(logBeta));
            adam.step(knotParams, Nd4j.createFromArray(g).negi(), RATE);       // a descent step on -K climbs K
            logBeta = knotParams.toDoubleVector();
            for (int i = 0; i < knots.length; i++) {
                logBeta[i] = Math.min(Math.log(MAX_BETA), logBeta[i]);
            }
            double k = bound(roll, schedule(start, knots, logBeta), searchPoints, searchSeed);
            if (k > bestBits) {
                bestBits = k;
                best = logBeta.clone();
            }
            progress.accept(new Progress(it, iterations, k));
        }
        BetaSchedule winner = schedule(start, knots, best);
        OptimalKernelBound.Result a = OptimalKernelBound.compute(roll, start, freshPoints, seed);
        OptimalKernelBound.Result b = OptimalKernelBound.compute(roll, winner, freshPoints, seed);
        return new Result(start, winner, a.kBits(), b.kBits(), Math.max(a.kSeBits(), b.kSeBits()));
    }

    /** {@value #KNOTS} knots (fewer for small T) from t = 2 to T, closer together at small t, where beta changes fastest. */
    static int[] knots(int steps) {
        int count = Math.min(KNOTS, steps - 1);
        int[] k = new int[count];
        for (int i = 0; i < count; i++) {
            double f = count == 1 ? 0 : (double) i / (count - 1);
            k[i] = 2 + (int) Math.round((steps - 2) * Math.pow(f, 1.3));
        }
        for (int i = 1; i < count; i++) {
            k[i] = Math.max(k[i], k[i - 1] + 1);         // strictly increasing
        }
        k[count - 1] = steps;
        return k;
    }

    /** beta_1 from {@code start}; beta_t for t >= 2 log-linear between the knots. */
    static BetaSchedule schedule(BetaSchedule start, int[] knots, double[] logBeta) {
        int steps = start.steps();
        double[] b = new double[steps];
        b[0] = start.beta(1);
        int k = 0;
        for (int t = 2; t <= steps; t++) {
            while (k < knots.length - 2 && t > knots[k + 1]) {
                k++;
            }
            double f = knots.length == 1 ? 0 : (t - knots[k]) / (double) (knots[k + 1] - knots[k]);
            b[t - 1] = Math.min(MAX_BETA, Math.exp(logBeta[k] * (1 - f) + logBeta[k + 1] * f));
        }
        return BetaSchedule.of("searched", b);
    }

    private static double bound(SwissRoll roll, BetaSchedule s, double[][] points, long seed) {
        return OptimalKernelBound.compute(roll, s, points, seed).kBits();
    }
}
