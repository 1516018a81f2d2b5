package org.diffusionlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NearestColourTest {

    @Test
    void agreesWithABruteForceSearchInsideAndFarOutsideTheData() {
        Dataset.Coloured ref = SwissRoll.standard().sampleColoured(3000, 5);
        NearestColour nearest = new NearestColour(ref);
        Random rng = new Random(1);
        for (int q = 0; q < 2000; q++) {
            double scale = q % 4 == 0 ? 8 : 2;
            double x = rng.nextGaussian() * scale;
            double y = rng.nextGaussian() * scale;
            double best = Double.POSITIVE_INFINITY;
            double colour = Double.NaN;
            for (int i = 0; i < ref.size(); i++) {
                double d = Math.hypot(ref.points()[i][0] - x, ref.points()[i][1] - y);
                if (d < best) {
                    best = d;
                    colour = ref.colour()[i];
                }
            }
            assertEquals(colour, nearest.colourAt(x, y), 0, "query " + x + ", " + y);
        }
    }
}
