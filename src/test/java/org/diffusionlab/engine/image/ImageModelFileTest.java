package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.diffusionlab.engine.io.ModelFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image model file: a faithful round trip, and clear errors naming the file for anything else. */
class ImageModelFileTest {

    @TempDir
    Path dir;

    private SavedImageModel saved() {
        ImageDiffusionModel m = ImageSamplerTest.randomModel(8, 12, 6);
        return new SavedImageModel(m, List.of(new ImageTrainer.HistoryPoint(10, 1.5, -0.25, Double.NaN),
                new ImageTrainer.HistoryPoint(20, 3.0, 0.1, 0.05)), 20, 3.0, "test", Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void roundTripKeepsEveryNumber() throws Exception {
        SavedImageModel s = saved();
        Path f = dir.resolve("m.dlab");
        ImageModelFile.save(f, s);
        assertTrue(ImageModelFile.isImageModel(f));
        SavedImageModel r = ImageModelFile.load(f);
        assertEquals(s.model().config(), r.model().config());
        assertEquals(s.model().schedule(), r.model().schedule());
        assertEquals(s.model().dataMean(), r.model().dataMean());
        assertEquals(s.model().dataStd(), r.model().dataStd());
        assertArrayEquals(s.model().network().parameters().toDoubleArray(), r.model().network().parameters().toDoubleArray());
        assertEquals(s.history(), r.history());
        assertEquals(20, r.iterations());
        assertEquals(s.savedAt(), r.savedAt());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aChainedScalesNetworkComesBackWithItsFormAndWeights() throws Exception {
        ImageDiffusionModel plain = ImageSamplerTest.randomModel(8, 12, 6);
        ImageTrainingConfig c = plain.config().withArchitecture(ConvArchitecture.parse("hs:c3,4x2@1,2/p3x1/d5/j3/tb"));
        ImageDiffusionModel m = ImageDiffusionModel.untrained(c, 0.5, 0.3, false);
        m.network().parameters().flat().addi(0.25);
        Path f = dir.resolve("hs.dlab");
        ImageModelFile.save(f, new SavedImageModel(m, List.of(), 0, 0, "test", Instant.parse("2026-01-02T03:04:05Z")));
        SavedImageModel r = ImageModelFile.load(f);
        assertTrue(r.model().network().architecture().chained());
        assertEquals(c.architecture(), r.model().network().architecture());
        assertArrayEquals(m.network().parameters().toDoubleArray(), r.model().network().parameters().toDoubleArray());
    }

    @Test
    void damagedOrForeignFilesGiveAMessageNamingTheFile() throws Exception {
        Path f = dir.resolve("m.dlab");
        ImageModelFile.save(f, saved());
        byte[] bytes = Files.readAllBytes(f);

        Path cut = dir.resolve("cut.dlab");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        expectFailure(cut, "it is truncated or corrupt (");

        Path flipped = dir.resolve("flipped.dlab");
        byte[] b = bytes.clone();
        b[b.length / 2] ^= 0x55;
        Files.write(flipped, b);
        expectFailure(flipped, "corrupt");

        Path text = dir.resolve("text.dlab");
        Files.writeString(text, "hello");
        assertFalse(ImageModelFile.isImageModel(text));
        expectFailure(text, "not a DiffusionLab model");

        expectFailure(dir.resolve("absent.dlab"), "the file does not exist");
    }

    private static void expectFailure(Path file, String fragment) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ImageModelFile.load(file));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void aDifferentFormatNameIsRefused() throws IOException {
        Path f = dir.resolve("other.dlab");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(f))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("manifest.properties"));
            zip.write("format=diffusionlab-model\nformatVersion=1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            zip.closeEntry();
        }
        assertFalse(ImageModelFile.isImageModel(f));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ImageModelFile.load(f));
        assertTrue(e.getMessage().contains("not an image model"), e.getMessage());
    }
}
