package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Region shapes against shapes whose compactness is known. */
class RegionShapesTest {

    static final int SIZE = 28;

    private static float[] disk(double r, float grey, float background) {
        float[] img = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double dx = x + 0.5 - 14, dy = y + 0.5 - 14;
                img[y * SIZE + x] = dx * dx + dy * dy <= r * r ? grey : background;
            }
        }
        return img;
    }

    @Test
    void aSquareScoresPiOverFourAndADigitisedDiskAboutPiSquaredOverSixteen() {
        float[] square = new float[SIZE * SIZE];
        for (int y = 10; y < 18; y++) {
            for (int x = 10; x < 18; x++) {
                square[y * SIZE + x] = 0.8f;
            }
        }
        RegionShapes s = RegionShapes.of(new float[][]{square}, SIZE);
        assertEquals(2, s.regionsPerImage(), 0);
        assertEquals(1, s.shapes(), "the background touches the border and is not scored");
        assertEquals(Math.PI / 4, s.meanCompactness(), 1e-12);
        assertEquals(64, s.meanArea(), 0);
        RegionShapes d = RegionShapes.of(new float[][]{disk(8, 0.7f, 0.2f)}, SIZE);
        assertEquals(Math.PI * Math.PI / 16, d.meanCompactness(), 0.05);
        assertEquals(1.0, d.flatFraction(), 0);
    }

    @Test
    void raggedEdgesLowerTheScoreAndNoiseWithinTheToleranceDoesNotSplitRegions() {
        Random rng = new Random(3);
        float[] clean = disk(8, 0.7f, 0.2f);
        float[] noisy = clean.clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (0.01 * rng.nextGaussian());
        }
        assertEquals(2, RegionShapes.of(new float[][]{noisy}, SIZE).regionsPerImage(), 0);
        float[] ragged = clean.clone();
        float[] wider = disk(9.5, 0.7f, 0.2f);
        float[] narrower = disk(6.5, 0.7f, 0.2f);
        for (int i = 0; i < ragged.length; i++) {
            if (wider[i] != narrower[i]) {
                ragged[i] = rng.nextBoolean() ? 0.7f : 0.2f;     // a rim of pixels decided at random
            }
        }
        RegionShapes r = RegionShapes.of(new float[][]{ragged}, SIZE);
        RegionShapes c = RegionShapes.of(new float[][]{clean}, SIZE);
        assertTrue(r.meanCompactness() < 0.6 * c.meanCompactness(), r.meanCompactness() + " vs " + c.meanCompactness());
    }

    @Test
    void aChequerboardHasNoFlatRegions() {
        float[] board = new float[SIZE * SIZE];
        for (int i = 0; i < board.length; i++) {
            board[i] = ((i / SIZE + i % SIZE) & 1) == 0 ? 0f : 1f;
        }
        RegionShapes s = RegionShapes.of(new float[][]{board}, SIZE);
        assertEquals(SIZE * SIZE, s.regionsPerImage(), 0);
        assertEquals(0, s.flatFraction(), 0);
        assertEquals(0, s.shapes());
        assertTrue(Double.isNaN(s.meanCompactness()));
    }
}
