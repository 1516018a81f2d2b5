package org.diffusionlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DatasetsTest {

    private static double[] meanAndVariance(double[][] points, int dim) {
        double m = 0;
        for (double[] p : points) {
            m += p[dim];
        }
        m /= points.length;
        double v = 0;
        for (double[] p : points) {
            v += (p[dim] - m) * (p[dim] - m);
        }
        return new double[] {m, v / points.length};
    }

    @ParameterizedTest
    @ValueSource(strings = {"swissroll", "moons", "gaussians8", "ring"})
    void everyBuiltInDataSetIsStandardisedAndColoured(String name) {
        for (double noise : new double[] {0, 0.1, 0.5}) {
            Dataset data = Datasets.create(name, noise);
            assertEquals(name, data.name());
            Dataset.Coloured c = data.sampleColoured(200_000, 3);
            for (int d = 0; d < 2; d++) {
                double[] mv = meanAndVariance(c.points(), d);
                assertEquals(0, mv[0], 0.01, name + " mean, dim " + d + ", noise " + noise);
                assertEquals(1, mv[1], 0.015, name + " variance, dim " + d + ", noise " + noise);
            }
            for (double colour : c.colour()) {
                assertTrue(colour >= 0 && colour <= 1, name + " colour " + colour);
            }
            assertTrue(java.util.Arrays.deepEquals(c.points(), data.sample(200_000, 3)), "same points as sample()");
            assertFalse(java.util.Arrays.deepEquals(data.sample(100, 3), data.sample(100, 4)));
        }
    }

    @Test
    void colourCoordinatesFollowTheShape() {
        // the mixture's colour names the component; its points sit around that component's centre
        Dataset.Coloured c = new GaussianMixture(0.05).sampleColoured(2000, 1);
        GaussianMixture g = new GaussianMixture(0.05);
        for (int i = 0; i < c.size(); i++) {
            double[] centre = g.curvePoint(c.colour()[i]);
            double dist = Math.hypot(c.points()[i][0] - centre[0], c.points()[i][1] - centre[1]);
            assertTrue(dist < 0.3, "point " + i + " is " + dist + " from its component's centre");
        }
        // the ring's colour is the angle
        Dataset.Coloured r = new Ring(0).sampleColoured(500, 2);
        for (int i = 0; i < r.size(); i++) {
            double angle = Math.atan2(r.points()[i][1], r.points()[i][0]);
            double expected = 2 * Math.PI * r.colour()[i];
            assertEquals(0, Math.sin(angle - expected), 1e-9);
        }
    }

    @Test
    void unknownNamesAreRefusedWithTheName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.create("cats", 0.1));
        assertTrue(e.getMessage().contains("cats"));
        assertTrue(Datasets.isValidName("user-0123456789ab"));
        e = assertThrows(IllegalArgumentException.class, () -> Datasets.create("user-0123456789ab", 0.1));
        assertTrue(e.getMessage().contains("not loaded"), e.getMessage());
        assertFalse(Datasets.isValidName("user-xyz"));
    }

    @Test
    void userDataAreStandardisedSampledFromTheirPointsAndColouredByOrder() {
        double[][] pts = {{0, 0}, {10, 0}, {10, 5}, {0, 5}};
        UserData u = new UserData(pts);
        String id = Datasets.register(u);
        assertTrue(UserData.isId(id));
        assertEquals(id, new UserData(pts).id(), "the id is a fingerprint of the points");
        assertNotEquals(id, new UserData(new double[][] {{0, 0}, {10, 0}, {10, 5}, {0, 6}}).id());
        UserDataset noiseless = (UserDataset) Datasets.create(id, 0);
        Dataset.Coloured c = noiseless.sampleColoured(40_000, 9);
        for (int d = 0; d < 2; d++) {
            double[] mv = meanAndVariance(c.points(), d);
            assertEquals(0, mv[0], 0.02);
            assertEquals(1, mv[1], 0.02);
        }
        for (int i = 0; i < c.size(); i++) {
            // every noise-free point is one of the four corners (standardised: +-1), coloured by its place in order
            assertEquals(1, Math.abs(c.points()[i][0]), 1e-12);
            assertEquals(1, Math.abs(c.points()[i][1]), 1e-12);
            int index = (int) Math.round(c.colour()[i] * 3);
            double[] expected = noiseless.curvePoint((index + 0.5) / 4);
            assertArrayEquals(expected, c.points()[i], 1e-12);
        }
        assertEquals("Your data (4 points)", Datasets.displayName(id));
    }

    @Test
    void strokesAreResampledByArcLength() {
        double[][] line = {{0, 0}, {0.25, 0}, {1, 0}};
        UserData u = UserData.fromStrokes(List.of(line, new double[][] {{5, 5}}), 0.1);
        // 0, 0.1, ..., 1.0 along the line (11 points) and the single point
        assertEquals(12, u.size());
        for (int i = 0; i < 11; i++) {
            assertEquals(0.1 * i, u.point(i)[0], 1e-9);
        }
        assertArrayEquals(new double[] {5, 5}, u.point(11));
    }

    @Test
    void csvReadsBackBitForBitAndBadLinesNameTheirLine() {
        UserData u = new UserData(new double[][] {{Math.PI, -1e-300}, {1.0 / 3, 2}, {7, 8}});
        UserData back = UserData.parseCsv(u.toCsv(), "x.csv");
        assertEquals(u, back);
        assertEquals(u.id(), back.id());
        assertEquals(3, UserData.parseCsv("# my points\nx;y\n1;2\n3;4\n\n5 ; 6\n", "t.csv").size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserData.parseCsv("x,y\n1,2\n3,oops\n4,5\n", "pts.csv"));
        assertTrue(e.getMessage().contains("pts.csv, line 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UserData.parseCsv("1,2\n3,4\n", "two.csv"));
        assertTrue(e.getMessage().contains("at least 3 points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UserData.parseCsv("1\n", "one.csv"));
        assertTrue(e.getMessage().contains("one.csv, line 1: 1 column") && e.getMessage().contains("expected 2"),
                e.getMessage());
    }

    @Test
    void dataWithoutSpreadNeedNoise() {
        UserData line = new UserData(new double[][] {{0, 1}, {1, 1}, {2, 1}});
        Datasets.register(line);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.create(line.id(), 0));
        assertTrue(e.getMessage().contains("no spread in dimension 2"), e.getMessage());
        Datasets.create(line.id(), 0.1);   // with noise they have
    }

    @Test
    void standardisingACsvInOtherUnitsGivesUnitVariance() {
        UserData big = new UserData(new double[][] {{1000, 5}, {3000, 6}, {2000, 9}});
        double[][] s = big.standardised().points();
        for (int d = 0; d < 2; d++) {
            double[] mv = meanAndVariance(s, d);
            assertEquals(0, mv[0], 1e-12);
            assertEquals(1, mv[1], 1e-12);
        }
    }
}
