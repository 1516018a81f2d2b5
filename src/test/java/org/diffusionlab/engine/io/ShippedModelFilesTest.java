package org.diffusionlab.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.diffusionlab.engine.binomial.BinomialModelFile;
import org.diffusionlab.engine.image.ImageModelFile;
import org.junit.jupiter.api.Test;

/** The models shipped in assets/models, written before the shared archive, load unchanged through it. */
class ShippedModelFilesTest {

    private static final Path MODELS = Path.of("assets", "models");

    @Test
    void everyShippedModelFileLoadsAsItsKind() throws Exception {
        assertEquals(Optional.of(ModelKind.POINTS), ModelArchive.kindOf(MODELS.resolve("swissroll.dlab")));
        assertTrue(ModelFile.load(MODELS.resolve("swissroll.dlab")).iterations() > 0);
        assertEquals(Optional.of(ModelKind.BINOMIAL), ModelArchive.kindOf(MODELS.resolve("heartbeat-t2000.dlab")));
        assertTrue(BinomialModelFile.load(MODELS.resolve("heartbeat-t2000.dlab")).iterations() > 0);
        for (String name : ImageModelFile.BUNDLED) {
            Path file = MODELS.resolve(name + ".dlab");
            assertEquals(Optional.of(ModelKind.IMAGE), ModelArchive.kindOf(file), name);
            assertTrue(ImageModelFile.load(file).iterations() > 0, name);
        }
        try (var files = Files.list(MODELS)) {
            assertEquals(5, files.filter(f -> f.toString().endsWith(".dlab")).count(), "a new shipped model is tested here");
        }
    }
}
