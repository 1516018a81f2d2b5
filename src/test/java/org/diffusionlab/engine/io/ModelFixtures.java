package org.diffusionlab.engine.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.train.HistoryPoint;
import org.diffusionlab.engine.train.TrainingConfig;

/** A small trained-looking model and helpers to take model files apart and put them back together. */
final class ModelFixtures {

    static final Instant SAVED_AT = Instant.parse("2025-06-01T12:34:56.123456789Z");

    private ModelFixtures() {
    }

    /** The paper network (T = 40) with random parameters, a learned-looking schedule and a short history. */
    static SavedModel model() {
        TrainingConfig config = TrainingConfig.defaults().withArchitecture("paper");
        DiffusionModel untrained = DiffusionModel.untrained(config);
        Random rng = new Random(42);
        double[] p = untrained.network().parameters().toDoubleArray();
        for (int i = 0; i < p.length; i++) {
            p[i] += rng.nextGaussian() * 0.7;   // the readout starts at zero: make every value distinct
        }
        untrained.network().parameters().setFrom(p);
        double[] betas = config.baseSchedule().betas();
        for (int i = 1; i < betas.length; i++) {
            betas[i] = Math.min(0.9, betas[i] * (1 + 0.1 * rng.nextGaussian()) + 1e-9 * rng.nextDouble());
        }
        DiffusionModel model = new DiffusionModel(config, BetaSchedule.of("learned", betas), untrained.network());
        List<HistoryPoint> history = new ArrayList<>();
        history.add(new HistoryPoint(0, 0.0, Double.NaN, -3.25));
        for (int i = 1; i <= 5; i++) {
            history.add(new HistoryPoint(i * 100L, i * 1.1 + rng.nextDouble(), rng.nextGaussian(), rng.nextGaussian()));
        }
        return new SavedModel(model, history, 512, 6.0 + Math.PI, "0.1.0-test", SAVED_AT);
    }

    /** The entries of a saved model, in file order. */
    static Map<String, byte[]> entries(byte[] file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(file), StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                out.put(e.getName(), zip.readAllBytes());
            }
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The manifest with one key's line replaced (the key must be present). */
    static byte[] withManifestValue(byte[] manifest, String key, String value) {
        String[] lines = text(manifest).split("\n", -1);
        boolean found = false;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key + "=")) {
                lines[i] = key + "=" + value;
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("No manifest key " + key);
        }
        return bytes(String.join("\n", lines));
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
    }
}
