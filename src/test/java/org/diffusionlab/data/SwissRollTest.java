package org.diffusionlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SwissRollTest {

    @Test
    void sameSeedGivesSamePointsAndOtherSeedsDoNot() {
        SwissRoll roll = SwissRoll.standard();
        assertTrue(java.util.Arrays.deepEquals(roll.sample(500, 7), roll.sample(500, 7)));
        assertTrue(java.util.Arrays.deepEquals(roll.trainSet(500, 7), roll.trainSet(500, 7)));
        assertTrue(java.util.Arrays.deepEquals(roll.holdoutSet(500, 7), roll.holdoutSet(500, 7)));
        assertFalse(java.util.Arrays.deepEquals(roll.sample(500, 7), roll.sample(500, 8)));
    }

    @Test
    void trainAndHoldoutShareNoPoint() {
        SwissRoll roll = SwissRoll.standard();
        for (long seed : new long[] {0, 1, 42}) {
            Set<Double> trainParameters = new HashSet<>();
            for (double u : roll.trainSample(20_000, seed).u()) {
                trainParameters.add(u);
            }
            for (double u : roll.holdoutSample(20_000, seed).u()) {
                assertFalse(trainParameters.contains(u), "holdout point also in training set, seed " + seed);
            }
        }
    }

    @Test
    void setsWithParameterMatchThePlainSets() {
        SwissRoll roll = SwissRoll.standard();
        assertTrue(java.util.Arrays.deepEquals(roll.trainSet(100, 3), roll.trainSample(100, 3).points()));
        assertTrue(java.util.Arrays.deepEquals(roll.holdoutSet(100, 3), roll.holdoutSample(100, 3).points()));
        assertTrue(java.util.Arrays.deepEquals(roll.sample(100, 3), roll.sampleWithParameter(100, 3).points()));
        assertEquals(100, roll.sampleWithParameter(100, 3).size());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.1, 1.0})
    void largeSampleHasZeroMeanAndUnitVariance(double noiseStd) {
        int n = 200_000;
        double[][] points = new SwissRoll(noiseStd).sample(n, 2024);
        for (int d = 0; d < 2; d++) {
            double sum = 0;
            double sumSquares = 0;
            for (double[] point : points) {
                sum += point[d];
                sumSquares += point[d] * point[d];
            }
            double mean = sum / n;
            double variance = sumSquares / n - mean * mean;
            // Standard errors are about 1/sqrt(n) = 0.0022 for both; allow about 5 of them.
            assertEquals(0.0, mean, 0.011, "mean of dimension " + d);
            assertEquals(1.0, variance, 0.015, "variance of dimension " + d);
        }
    }

    @Test
    void closedFormConstantsMatchAFineQuadrature() {
        int m = 1_000_000;
        double sumX = 0;
        double sumY = 0;
        double sumXX = 0;
        double sumYY = 0;
        for (int i = 0; i < m; i++) {
            double t = SwissRoll.angle((i + 0.5) / m);
            double x = t * Math.cos(t);
            double y = t * Math.sin(t);
            sumX += x;
            sumY += y;
            sumXX += x * x;
            sumYY += y * y;
        }
        double meanX = sumX / m;
        double meanY = sumY / m;
        assertArrayEquals(new double[] {meanX, meanY}, SwissRoll.curveMeanRaw(), 1e-8);
        assertArrayEquals(new double[] {sumXX / m - meanX * meanX, sumYY / m - meanY * meanY},
                SwissRoll.curveVarianceRaw(), 1e-7);
    }

    @Test
    void scaleAddsTheNoiseVariance() {
        double noise = 0.5;
        SwissRoll roll = new SwissRoll(noise);
        double[] curveVariance = SwissRoll.curveVarianceRaw();
        for (int d = 0; d < 2; d++) {
            assertEquals(Math.sqrt(curveVariance[d] + noise * noise), roll.scale()[d], 1e-12);
            assertEquals(noise / roll.scale()[d], roll.noiseStdScaled(d), 1e-15);
        }
        assertArrayEquals(SwissRoll.curveMeanRaw(), roll.mean(), 0.0);
        assertEquals(0.0, SwissRoll.noiseFree().noiseStdScaled(0));
    }

    @Test
    void noiseFreePointsLieOnTheCurveAtTheirParameter() {
        SwissRoll roll = SwissRoll.noiseFree();
        SwissRoll.Sample sample = roll.sampleWithParameter(1000, 11);
        for (int i = 0; i < sample.size(); i++) {
            assertArrayEquals(roll.curvePoint(sample.u()[i]), sample.points()[i], 1e-12);
        }
    }

    @Test
    void sameSeedGivesSameParametersWhateverTheNoise() {
        assertArrayEquals(SwissRoll.noiseFree().sampleWithParameter(100, 5).u(),
                SwissRoll.standard().sampleWithParameter(100, 5).u(), 0.0);
    }

    @Test
    void curveRunsFromInnerToOuterEnd() {
        SwissRoll roll = SwissRoll.noiseFree();
        double[] scale = roll.scale();
        double[] mean = roll.mean();
        double[] inner = roll.curvePoint(0);
        double[] outer = roll.curvePoint(1);
        // t = 1.5 pi gives raw (0, -1.5 pi); t = 4.5 pi gives raw (0, 4.5 pi).
        assertEquals(-mean[0] / scale[0], inner[0], 1e-12);
        assertEquals((-1.5 * Math.PI - mean[1]) / scale[1], inner[1], 1e-12);
        assertEquals((4.5 * Math.PI - mean[1]) / scale[1], outer[1], 1e-12);
    }

    @Test
    void speedBoundHoldsAlongTheCurve() {
        SwissRoll roll = SwissRoll.standard();
        double[] bound = roll.curveSpeedBoundScaled();
        double h = 1e-6;
        for (int i = 0; i <= 1000; i++) {
            double u = Math.min(1 - h, i / 1000.0);
            double[] a = roll.curvePoint(u);
            double[] b = roll.curvePoint(u + h);
            for (int d = 0; d < 2; d++) {
                assertTrue(Math.abs(b[d] - a[d]) / h <= bound[d], "speed bound broken at u = " + u);
            }
        }
    }

    @Test
    void accessorsReturnCopies() {
        SwissRoll roll = SwissRoll.standard();
        roll.mean()[0] = 99;
        roll.scale()[0] = 99;
        assertEquals(SwissRoll.curveMeanRaw()[0], roll.mean()[0]);
        assertTrue(roll.scale()[0] < 99);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void invalidNoiseIsRefusedWithAClearMessage(double noiseStd) {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> new SwissRoll(noiseStd));
        assertTrue(error.getMessage().contains("noise"), error.getMessage());
        assertTrue(error.getMessage().contains(String.valueOf(noiseStd)), error.getMessage());
    }

    @Test
    void negativeSampleSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SwissRoll.standard().sample(-1, 0));
        assertEquals(0, SwissRoll.standard().sample(0, 0).length);
    }

    @Test
    void factoriesUseTheDocumentedNoise() {
        assertEquals(0.1, SwissRoll.standard().noiseStd());
        assertEquals(0.0, SwissRoll.noiseFree().noiseStd());
        assertEquals(2, SwissRoll.standard().dimensions());
    }
}
