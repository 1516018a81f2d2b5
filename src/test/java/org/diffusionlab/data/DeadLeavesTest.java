package org.diffusionlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The dead-leaves generator's statistics match its parameters. */
class DeadLeavesTest {

    private final DeadLeaves leaves = new DeadLeaves(28, 150, 2.0, 16.0, 3.0);

    @Test
    void everyImageHasTheGivenNumberOfDisksWithinTheRadiusRange() {
        Random rng = new Random(1);
        for (int i = 0; i < 20; i++) {
            DeadLeaves.Leaves l = leaves.generate(rng);
            assertEquals(150, l.disks().size());
            for (DeadLeaves.Disk d : l.disks()) {
                assertTrue(d.radius() >= 2.0 && d.radius() <= 16.0, "radius " + d.radius());
                assertTrue(d.grey() >= 0 && d.grey() < 1);
                assertTrue(d.x() >= -16 && d.x() <= 28 + 16 && d.y() >= -16 && d.y() <= 28 + 16);
            }
        }
    }

    @Test
    void radiiFollowThePowerLaw() {
        Random rng = new Random(2);
        List<Double> radii = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            leaves.generate(rng).disks().forEach(d -> radii.add(d.radius()));
        }
        Collections.sort(radii);
        int n = radii.size();
        double ks = 0;
        for (int i = 0; i < n; i++) {
            double f = leaves.radiusCdf(radii.get(i));
            ks = Math.max(ks, Math.max(Math.abs(f - (double) i / n), Math.abs(f - (i + 1.0) / n)));
        }
        // Kolmogorov-Smirnov at the 0.1% level: 1.95 / sqrt(n).
        assertTrue(ks < 1.95 / Math.sqrt(n), "KS distance " + ks + " for " + n + " radii");
        // The mean radius of p(r) ~ r^-3 on [a, b]: 2ab/(a + b).
        double mean = radii.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(2 * 2.0 * 16.0 / 18.0, mean, 0.05);
    }

    @Test
    void pixelsTakeTheGreyOfTheTopmostDiskCoveringThem() {
        DeadLeaves.Leaves l = leaves.generate(new Random(3));
        for (int y = 0; y < 28; y += 3) {
            for (int x = 0; x < 28; x += 3) {
                float expected = l.background();
                for (DeadLeaves.Disk d : l.disks()) {
                    double dx = x + 0.5 - d.x(), dy = y + 0.5 - d.y();
                    if (dx * dx + dy * dy <= d.radius() * d.radius()) {
                        expected = d.grey();
                    }
                }
                assertEquals(expected, l.pixels()[y * 28 + x], 0f);
            }
        }
    }

    @Test
    void greyLevelsAreUniformAndTheStreamsAreSeeded() {
        float[][] a = leaves.training(200, new Random(4));
        double sum = 0;
        int count = 0;
        for (float[] img : a) {
            for (float v : img) {
                sum += v;
                count++;
            }
        }
        assertEquals(0.5, sum / count, 0.03);
        assertArrayEquals(a[7], leaves.training(200, new Random(4))[7], 0f);
        assertArrayEquals(leaves.holdout(3)[2], leaves.holdout(3)[2], 0f);
        assertThrows(IllegalArgumentException.class, () -> new DeadLeaves(28, 10, 5, 4, 3));
    }
}
