package org.diffusionlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example inputs and the training-data grids that docs/image-models.md sets beside the models' samples. */
class ExampleImagesTest {

    @Test
    void writesTheInputsAndAnEightByEightGridOfEachDataSet(@TempDir Path dir) throws Exception {
        ExampleImages.write(dir);
        for (String name : new String[]{"digit", "leaves", "gravel", "hole"}) {
            ImageFiles.Gray g = ImageFiles.read(dir.resolve(name + ".png"));
            assertEquals(28, g.width(), name);
            assertEquals(28, g.height(), name);
        }
        for (String ds : new String[]{"deadleaves", "digits", "gravel"}) {
            ImageFiles.Gray g = ImageFiles.read(dir.resolve("data-" + ds + ".png"));
            assertEquals(3 * (8 * 29 + 1), g.width(), ds);      // 8 tiles of 28 with 1-pixel gaps, enlarged 3 times
            assertEquals(3 * (8 * 29 + 1), g.height(), ds);
            float min = 1, max = 0;
            for (float v : g.pixels()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertTrue(max - min > 0.5, ds + " grid is not flat");
        }
        try (var files = Files.list(dir)) {
            assertEquals(7, files.count());
        }
    }
}
