package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionlab.engine.io.ModelFileException;
import org.junit.jupiter.api.Test;

/** The models shipped in assets/models load from the class path, are trained, and sample finite images. */
class ShippedModelsTest {

    @Test
    void everyShippedModelLoadsAndSamples() throws Exception {
        for (String name : ImageModelFile.BUNDLED) {
            SavedImageModel s = ImageModelFile.loadBundled(name);
            ImageDiffusionModel m = s.model();
            assertTrue(m.config().dataset().startsWith(name), name + " holds " + m.config().dataset());
            assertTrue(s.iterations() >= 1000, name + " is trained: " + s.iterations() + " iterations");
            float[][] x = ImageSampler.run(m, new ImageSampler.Request(2, null, 1, false), null, null).samples();
            for (float[] img : x) {
                for (float v : img) {
                    assertTrue(Float.isFinite(v) && v > -2 && v < 3, name + " sample value " + v);
                }
            }
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> ImageModelFile.loadBundled("cifar"));
        assertTrue(e.getMessage().contains("cifar"), e.getMessage());
        assertEquals(3, ImageModelFile.BUNDLED.size());
    }
}
