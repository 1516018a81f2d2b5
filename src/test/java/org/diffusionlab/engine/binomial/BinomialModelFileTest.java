package org.diffusionlab.engine.binomial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.diffusionlab.engine.io.ModelFileException;
import org.diffusionlab.engine.train.HistoryPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binomial model file: an exact round trip, atomic saves and load errors that name the file. */
class BinomialModelFileTest {

    @TempDir
    Path dir;

    private static SavedBinomialModel sample() {
        BinomialConfig c = BinomialConfig.heartbeat().withSteps(50).withNetwork("sigmoid:7,5", 3, Parameterisation.LOGIT_OFFSET)
                .withSeed(42);
        BinomialModel m = BinomialModel.untrained(c);
        double[] p = m.network().parameters().toDoubleArray();
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) Math.sin(i + 0.5);
        }
        m.network().parameters().setFrom(p);
        return new SavedBinomialModel(m, List.of(new HistoryPoint(10, 0.5, -9.25, Double.NaN),
                new HistoryPoint(20, 1.25, -4.5, -4.75)), 20, 1.25, "test", Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void roundTripIsExact() throws Exception {
        Path f = dir.resolve("m.dlab");
        SavedBinomialModel s = sample();
        BinomialModelFile.save(f, s);
        assertTrue(BinomialModelFile.isBinomialModelFile(f));
        SavedBinomialModel back = BinomialModelFile.load(f);
        assertEquals(s.model().config(), back.model().config());
        assertArrayEquals(s.model().network().parameters().toDoubleArray(), back.model().network().parameters().toDoubleArray(), 0);
        assertEquals(s.history(), back.history());
        assertEquals(20, back.iterations());
        assertEquals(1.25, back.trainingSeconds());
        assertEquals(s.savedAt(), back.savedAt());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void loadErrorsNameTheFileAndTheProblem() throws Exception {
        Path missing = dir.resolve("none.dlab");
        assertMessage(missing, "the file does not exist");
        Path empty = Files.createFile(dir.resolve("empty.dlab"));
        assertMessage(empty, "empty");
        Path text = Files.writeString(dir.resolve("text.dlab"), "hello");
        assertMessage(text, "not a DiffusionLab model file");
        assertFalse(BinomialModelFile.isBinomialModelFile(text));

        Map<String, byte[]> entries = BinomialModelFile.encode(sample());
        Path gaussian = write("gaussian.dlab", entries, "format=diffusionlab-binomial-model", "format=diffusionlab-model");
        assertMessage(gaussian, "not a binomial diffusion model");
        Path newer = write("newer.dlab", entries, "formatVersion=1", "formatVersion=2");
        assertMessage(newer, "newer DiffusionLab");
        Path badConfig = write("config.dlab", entries, "config.steps=50", "config.steps=1");
        assertMessage(badConfig, "T must be between");

        Map<String, byte[]> truncated = new java.util.LinkedHashMap<>(entries);
        byte[] params = truncated.get(BinomialModelFile.PARAMETERS);
        truncated.put(BinomialModelFile.PARAMETERS, java.util.Arrays.copyOf(params, params.length - 4));
        assertMessage(zip("short.dlab", truncated), "bytes");
    }

    private Path write(String name, Map<String, byte[]> entries, String from, String to) throws Exception {
        Map<String, byte[]> e = new java.util.LinkedHashMap<>(entries);
        String manifest = new String(e.get(BinomialModelFile.MANIFEST), StandardCharsets.ISO_8859_1);
        assertTrue(manifest.contains(from), manifest);
        e.put(BinomialModelFile.MANIFEST, manifest.replace(from, to).getBytes(StandardCharsets.ISO_8859_1));
        return zip(name, e);
    }

    private Path zip(String name, Map<String, byte[]> entries) throws Exception {
        Path f = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            for (var en : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(en.getKey()));
                z.write(en.getValue());
                z.closeEntry();
            }
        }
        return f;
    }

    private static void assertMessage(Path f, String part) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> BinomialModelFile.load(f));
        assertTrue(e.getMessage().contains(f.toAbsolutePath().normalize().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
