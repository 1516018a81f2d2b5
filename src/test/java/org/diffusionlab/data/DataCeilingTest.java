package org.diffusionlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataCeilingTest {

    private static final double LN2 = Math.log(2);
    private static final int HOLDOUT_SIZE = 10_000;

    private static double[][] standardHoldout;
    private static double[][] noiseFreeHoldout;

    @BeforeAll
    static void drawHoldoutSets() {
        standardHoldout = SwissRoll.standard().holdoutSet(HOLDOUT_SIZE, 42);
        noiseFreeHoldout = SwissRoll.noiseFree().holdoutSet(HOLDOUT_SIZE, 42);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aSinglePointCurveGivesTheGaussianDensityExactly(int dimensions) {
        double[] centre = new double[dimensions];
        double[] variance = new double[dimensions];
        for (int d = 0; d < dimensions; d++) {
            centre[d] = 0.3 * d - 0.2;
            variance[d] = 0.01 * (d + 1);
        }
        SplittableRandom random = new SplittableRandom(1);
        double[][] points = new double[50][dimensions];
        for (double[] point : points) {
            for (int d = 0; d < dimensions; d++) {
                point[d] = centre[d] + 0.5 * random.nextGaussian();
            }
        }
        double[] logDensity = DataCeiling.logDensityOfCurveMixture(points, u -> centre.clone(), variance, 1000);
        for (int i = 0; i < points.length; i++) {
            assertEquals(logGaussian(points[i], centre, variance), logDensity[i], 1e-10);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void expectedLogDensityOfAGaussianIsMinusItsEntropy(int dimensions) {
        double s = 0.05;
        double[] centre = new double[dimensions];
        double[] variance = new double[dimensions];
        java.util.Arrays.fill(variance, s * s);
        SplittableRandom random = new SplittableRandom(7);
        double[][] points = new double[20_000][dimensions];
        for (double[] point : points) {
            for (int d = 0; d < dimensions; d++) {
                point[d] = centre[d] + s * random.nextGaussian();
            }
        }
        DataCeiling.Estimate estimate = DataCeiling.meanBits(
                DataCeiling.logDensityOfCurveMixture(points, u -> centre.clone(), variance, 100));
        double minusEntropyBits = -0.5 * dimensions * Math.log(2 * Math.PI * Math.E * s * s) / LN2;
        assertEquals(minusEntropyBits, estimate.meanBits(), 4 * estimate.standardErrorBits());
        // The spread of log q over N(m, s^2 I) is that of chi-square_d / 2, so the error is known too.
        double expectedError = Math.sqrt(dimensions / 2.0) / LN2 / Math.sqrt(points.length);
        assertEquals(expectedError, estimate.standardErrorBits(), 0.1 * expectedError);
    }

    @Test
    void aStraightSegmentMatchesItsClosedForm() {
        // Mean runs uniformly from (-1, 0.5) to (1, 0.5): q(x, y) = N(y; 0.5, s^2) (Phi(b) - Phi(a)) / L.
        double start = -1;
        double length = 2;
        double s = 0.05;
        DoubleFunction<double[]> segment = u -> new double[] {start + length * u, 0.5};
        double[] variance = {s * s, s * s};
        List<double[]> points = new ArrayList<>();
        for (double x = start - 2 * s; x <= start + length + 2 * s; x += 0.01) {
            for (double y = 0.5 - 3 * s; y <= 0.5 + 3 * s; y += s / 2) {
                points.add(new double[] {x, y});
            }
        }
        double[][] grid = points.toArray(new double[0][]);
        double[] logDensity = DataCeiling.logDensityOfCurveMixture(grid, segment, variance, 20_000);
        for (int i = 0; i < grid.length; i++) {
            double x = grid[i][0];
            double y = grid[i][1];
            double along = (normalCdf((start + length - x) / s) - normalCdf((start - x) / s)) / length;
            double across = Math.exp(-0.5 * (y - 0.5) * (y - 0.5) / (s * s)) / Math.sqrt(2 * Math.PI * s * s);
            assertEquals(Math.log(along * across), logDensity[i], 1e-5, "at (" + x + ", " + y + ")");
        }
    }

    @Test
    void skippingFarTermsChangesNothing() {
        SwissRoll roll = SwissRoll.noiseFree();
        double beta1 = 1e-5;
        int gridSize = 20_000;
        List<double[]> points = new ArrayList<>(List.of(roll.holdoutSet(200, 3)));
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100; i++) {
            // Between the arms, off the ends and far away.
            points.add(new double[] {4 * random.nextDouble() - 2, 4 * random.nextDouble() - 2});
        }
        points.add(new double[] {30, -40});
        points.add(new double[] {0, 0});
        double[][] probe = points.toArray(new double[0][]);

        double[] fast = DataCeiling.logDensity(roll, beta1, probe, gridSize);
        double[][] means = new double[gridSize][];
        for (int j = 0; j < gridSize; j++) {
            means[j] = roll.curvePoint((j + 0.5) / gridSize);
        }
        double[] variance = {beta1, beta1};
        for (int i = 0; i < probe.length; i++) {
            double[] terms = new double[gridSize];
            for (int j = 0; j < gridSize; j++) {
                terms[j] = logGaussian(probe[i], means[j], variance) - Math.log(gridSize);
            }
            assertEquals(logSumExp(terms), fast[i], 1e-9 * Math.max(1, Math.abs(fast[i])), "point " + i);
        }
    }

    @Test
    void ceilingHasConvergedInTheGridSize() {
        SwissRoll standard = SwissRoll.standard();
        int standardGrid = DataCeiling.gridSizeFor(standard, 1e-3);
        assertEquals(DataCeiling.ceilingBits(standard, 1e-3, standardHoldout, 2 * standardGrid).meanBits(),
                DataCeiling.ceilingBits(standard, 1e-3, standardHoldout).meanBits(), 1e-6);

        SwissRoll noiseFree = SwissRoll.noiseFree();
        int noiseFreeGrid = DataCeiling.gridSizeFor(noiseFree, 1e-5);
        assertTrue(noiseFreeGrid >= 20_000 && noiseFreeGrid <= 200_000, "grid " + noiseFreeGrid);
        assertEquals(DataCeiling.ceilingBits(noiseFree, 1e-5, noiseFreeHoldout, 2 * noiseFreeGrid).meanBits(),
                DataCeiling.ceilingBits(noiseFree, 1e-5, noiseFreeHoldout).meanBits(), 1e-6);
    }

    @Test
    void defaultRollCeilingIsInItsExpectedRange() {
        DataCeiling.Estimate estimate = DataCeiling.ceilingBits(SwissRoll.standard(), 1e-3, standardHoldout);
        assertTrue(estimate.meanBits() >= -0.6 && estimate.meanBits() <= 0.0, estimate.toString());
        assertTrue(estimate.standardErrorBits() > 0 && estimate.standardErrorBits() < 0.02, estimate.toString());
        assertEquals(HOLDOUT_SIZE, estimate.n());
    }

    @Test
    void noiseFreeCeilingIsInItsExpectedRangeAndAboveThePaper() {
        DataCeiling.Estimate estimate = DataCeiling.ceilingBits(SwissRoll.noiseFree(), 1e-5, noiseFreeHoldout);
        assertTrue(estimate.meanBits() >= 2.0 && estimate.meanBits() <= 3.5, estimate.toString());
        assertTrue(estimate.meanBits() > 2.35, "the paper's K = 2.35 bits must be reachable");
    }

    @Test
    void noiseFreeCeilingMatchesTheThinKernelLimit() {
        // For beta1 -> 0 the density on the curve is (1 / |m'(u)|) N(0; 0, beta1) across it:
        // log q = -log |m'(u)| - log(2 pi beta1) / 2, up to curvature and end corrections of order beta1.
        SwissRoll roll = SwissRoll.noiseFree();
        double beta1 = 1e-5;
        SwissRoll.Sample sample = roll.holdoutSample(HOLDOUT_SIZE, 42);
        double[] scale = roll.scale();
        double dtdu = SwissRoll.T_MAX - SwissRoll.T_MIN;
        double limitSum = 0;
        for (double u : sample.u()) {
            double t = SwissRoll.angle(u);
            double speedX = dtdu * (Math.cos(t) - t * Math.sin(t)) / scale[0];
            double speedY = dtdu * (Math.sin(t) + t * Math.cos(t)) / scale[1];
            limitSum += (-Math.log(Math.hypot(speedX, speedY)) - 0.5 * Math.log(2 * Math.PI * beta1)) / LN2;
        }
        double ceiling = DataCeiling.ceilingBits(roll, beta1, sample.points()).meanBits();
        assertEquals(limitSum / sample.size(), ceiling, 0.003);
    }

    @Test
    void negativeEntropyOfTheNoisyRollBoundsTheCeiling() {
        SwissRoll roll = SwissRoll.standard();
        DataCeiling.Estimate bound = DataCeiling.negativeEntropyBits(roll, standardHoldout);
        DataCeiling.Estimate ceiling = DataCeiling.ceilingBits(roll, 1e-3, standardHoldout);
        assertTrue(bound.meanBits() > ceiling.meanBits(), bound + " vs " + ceiling);
        assertThrows(IllegalArgumentException.class,
                () -> DataCeiling.negativeEntropyBits(SwissRoll.noiseFree(), noiseFreeHoldout));
    }

    @Test
    void onTheNoisyRollTheCeilingIsAReferenceNotAHardBound() {
        // A model whose last step is fed points exactly on the curve scores higher than q_data * kernel
        // when the noise variance (2.3e-4 scaled) is below beta1: the documented caveat.
        SwissRoll roll = SwissRoll.standard();
        double beta1 = 1e-3;
        double onCurve = DataCeiling.meanBits(DataCeiling.logDensityOfCurveMixture(
                standardHoldout, roll::curvePoint, new double[] {beta1, beta1}, 20_000)).meanBits();
        double ceiling = DataCeiling.ceilingBits(roll, beta1, standardHoldout).meanBits();
        assertTrue(onCurve > ceiling + 0.05, onCurve + " vs " + ceiling);
        assertTrue(onCurve < DataCeiling.negativeEntropyBits(roll, standardHoldout).meanBits());
    }

    @Test
    void meanBitsConvertsNatsAndGivesTheStandardError() {
        DataCeiling.Estimate estimate = DataCeiling.meanBits(new double[] {LN2, 3 * LN2});
        assertEquals(2.0, estimate.meanBits(), 1e-12);
        assertEquals(1.0, estimate.standardErrorBits(), 1e-12);
        assertEquals(2, estimate.n());
        assertTrue(Double.isNaN(DataCeiling.meanBits(new double[] {1.0}).standardErrorBits()));
        assertThrows(IllegalArgumentException.class, () -> DataCeiling.meanBits(new double[0]));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1e-3, Double.NaN, Double.POSITIVE_INFINITY})
    void invalidBetaIsRefused(double beta1) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DataCeiling.ceilingBits(SwissRoll.standard(), beta1, standardHoldout));
        assertTrue(error.getMessage().contains("beta1"), error.getMessage());
    }

    @Test
    void badInputsAreRefused() {
        SwissRoll noiseFree = SwissRoll.noiseFree();
        assertThrows(IllegalArgumentException.class, () -> DataCeiling.gridSizeFor(noiseFree, 0.0));
        assertThrows(IllegalArgumentException.class, () -> DataCeiling.gridSizeFor(noiseFree, 1e-12));
        assertThrows(IllegalArgumentException.class,
                () -> DataCeiling.logDensity(noiseFree, 1e-3, noiseFreeHoldout, 0));
        assertThrows(IllegalArgumentException.class,
                () -> DataCeiling.logDensity(noiseFree, 1e-3, new double[][] {{1, 2, 3}}, 100));
        assertThrows(IllegalArgumentException.class, () -> DataCeiling.logDensityOfCurveMixture(
                new double[][] {{0}}, u -> new double[] {0}, new double[] {0.0}, 10));
    }

    private static double logGaussian(double[] x, double[] mean, double[] variance) {
        double total = 0;
        for (int d = 0; d < x.length; d++) {
            double diff = x[d] - mean[d];
            total -= 0.5 * Math.log(2 * Math.PI * variance[d]) + 0.5 * diff * diff / variance[d];
        }
        return total;
    }

    private static double logSumExp(double[] terms) {
        double largest = Double.NEGATIVE_INFINITY;
        for (double term : terms) {
            largest = Math.max(largest, term);
        }
        double sum = 0;
        for (double term : terms) {
            sum += Math.exp(term - largest);
        }
        return largest + Math.log(sum);
    }

    /** Standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
    private static double normalCdf(double z) {
        double x = -z / Math.sqrt(2);
        double a = Math.abs(x);
        double t = 1 / (1 + 0.5 * a);
        double erfc = t * Math.exp(-a * a - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return 0.5 * (x >= 0 ? erfc : 2 - erfc);
    }
}
