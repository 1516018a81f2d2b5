package org.diffusionlab.engine.io;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model file can be wrong gives a ModelFileException naming the file and the reason. */
class ModelFileCorruptionTest {

    @TempDir
    Path dir;

    private byte[] good;
    private Map<String, byte[]> goodEntries;

    @BeforeEach
    void saveAGoodFile() throws Exception {
        Path file = dir.resolve("good.dlab");
        ModelFile.save(file, ModelFixtures.model());
        good = Files.readAllBytes(file);
        goodEntries = ModelFixtures.entries(good);
    }

    /** Loads {@code bytes} from a file and returns the failure, checking it names the file and the reason. */
    private ModelFileException refused(String name, byte[] bytes, String... reasons) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return refused(file, reasons);
    }

    private static ModelFileException refused(Path file, String... reasons) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        String message = e.getMessage();
        assertTrue(message.startsWith("Cannot open model file " + file.toAbsolutePath().normalize() + ": "), message);
        for (String reason : reasons) {
            assertTrue(message.contains(reason), "'" + message + "' should say '" + reason + "'");
        }
        assertTrue(file.equals(e.file()));
        return e;
    }

    private byte[] withEntry(String name, UnaryOperator<byte[]> change) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
        entries.put(name, change.apply(entries.get(name)));
        return ModelFixtures.zip(entries);
    }

    private byte[] withManifestValue(String key, String value) throws Exception {
        return withEntry(ModelFile.MANIFEST, m -> ModelFixtures.withManifestValue(m, key, value));
    }

    @Test
    void theUnchangedEntriesLoad() throws Exception {
        Path file = dir.resolve("rezipped.dlab");
        Files.write(file, ModelFixtures.zip(goodEntries));
        assertNotNull(ModelFile.load(file));
    }

    @Test
    void theShippedImageAndHeartbeatModelsSayWhatTheyAre() {
        refused(Path.of("assets/models/digits.dlab"), "an image diffusion model", "Inpaint");
        refused(Path.of("assets/models/heartbeat-t2000.dlab"), "a binomial (heartbeat) diffusion model");
    }

    @Test
    void emptyFile() throws Exception {
        refused("empty.dlab", new byte[0], "it is empty (0 bytes)");
    }

    @Test
    void randomBytes() throws Exception {
        byte[] b = new byte[5000];
        new Random(1).nextBytes(b);
        refused("random.dlab", b, "it is not a DiffusionLab model file", "not a ZIP archive");
    }

    @Test
    void textFile() throws Exception {
        refused("notes.dlab", ModelFixtures.bytes("t,beta\n1,0.001\nThis is not a model.\n"),
                "it is not a DiffusionLab model file", "it looks like a text file");
    }

    @Test
    void truncatedFile() throws Exception {
        refused("half.dlab", Arrays.copyOf(good, good.length / 2), "it is truncated or corrupt (");
    }

    @Test
    void filesCutAnywhereAreRefused() throws Exception {
        for (int cut = 1; cut < good.length; cut += 37) {
            refused("cut.dlab", Arrays.copyOf(good, cut), "is truncated or corrupt");
        }
        refused("cut.dlab", Arrays.copyOf(good, good.length - 1), "is truncated or corrupt");
    }

    @Test
    void flippedByteInTheMiddle() throws Exception {
        byte[] b = good.clone();
        b[b.length / 2] ^= 0x5a;
        refused("flipped.dlab", b);
    }

    @Test
    void randomDamageNeverEscapesAsAnotherException() throws Exception {
        Random rng = new Random(7);
        Path file = dir.resolve("damaged.dlab");
        for (int i = 0; i < 300; i++) {
            byte[] b = good.clone();
            int flips = 1 + rng.nextInt(4);
            for (int f = 0; f < flips; f++) {
                b[rng.nextInt(b.length)] = (byte) rng.nextInt(256);
            }
            Files.write(file, b);
            try {
                ModelFile.load(file);   // a flip in a field nothing reads (e.g. a time stamp) may load fine
            } catch (ModelFileException e) {
                assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
            } catch (RuntimeException e) {
                fail("load() let " + e + " escape for damaged bytes", e);
            }
        }
    }

    @Test
    void zipWithoutManifest() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("readme.txt", ModelFixtures.bytes("hello"));
        entries.put("photo.jpg", new byte[]{1, 2, 3});
        refused("other.dlab", ModelFixtures.zip(entries), "it is not a DiffusionLab model file", "no manifest",
                "ZIP made by another program");
    }

    @Test
    void emptyZip() throws Exception {
        refused("emptyzip.dlab", ModelFixtures.zip(Map.of()), "it is not a DiffusionLab model file", "no manifest");
    }

    @Test
    void wrongFormatName() throws Exception {
        refused("foreign.dlab", withManifestValue("format", "something-else"),
                "it is not a DiffusionLab model file", "format 'something-else'");
    }

    @Test
    void newerFormatVersion() throws Exception {
        refused("future.dlab", withManifestValue("formatVersion", "99"),
                "it was written by a newer DiffusionLab (format version 99; this version reads 2)");
    }

    @Test
    void newerFormatVersionIsReportedEvenIfEverythingElseChanged() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(ModelFile.MANIFEST, ModelFixtures.bytes("format=diffusionlab-model\nformatVersion=7\nweights=x\n"));
        entries.put("weights.npz", new byte[10]);
        refused("v7.dlab", ModelFixtures.zip(entries), "newer DiffusionLab (format version 7; this version reads 2)");
    }

    @Test
    void parametersTooShort() throws Exception {
        int expected = goodEntries.get(ModelFile.PARAMETERS).length;
        refused("short.dlab", withEntry(ModelFile.PARAMETERS, p -> Arrays.copyOf(p, p.length - 6)),
                "parameter data (parameters.bin) has " + (expected - 6) + " bytes, expected " + expected);
    }

    @Test
    void parametersTooLong() throws Exception {
        int expected = goodEntries.get(ModelFile.PARAMETERS).length;
        refused("long.dlab", withEntry(ModelFile.PARAMETERS, p -> Arrays.copyOf(p, p.length + 4)),
                "has " + (expected + 4) + " bytes, expected " + expected);
    }

    @Test
    void nanParameter() throws Exception {
        refused("nan.dlab", withEntry(ModelFile.PARAMETERS, p -> {
            byte[] q = p.clone();
            ByteBuffer.wrap(q).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 * 20, Float.NaN);
            return q;
        }), "parameter 20 (in rbf.centres) in parameters.bin is NaN", "corrupt");
    }

    @Test
    void infiniteParameter() throws Exception {
        refused("inf.dlab", withEntry(ModelFile.PARAMETERS, p -> {
            byte[] q = p.clone();
            ByteBuffer.wrap(q).order(ByteOrder.LITTLE_ENDIAN).putFloat(q.length - 4, Float.NEGATIVE_INFINITY);
            return q;
        }), "is -Infinity", "corrupt");
    }

    @Test
    void betaOutsideZeroOne() throws Exception {
        refused("beta.dlab", withEntry(ModelFile.SCHEDULE, s -> {
            String[] lines = ModelFixtures.text(s).split("\n", -1);
            lines[3] = "3,1.5";
            return ModelFixtures.bytes(String.join("\n", lines));
        }), "beta_3 = 1.5 in schedule.csv is outside (0, 1)");
    }

    @Test
    void scheduleWithTheWrongNumberOfRows() throws Exception {
        refused("rows.dlab", withEntry(ModelFile.SCHEDULE, s -> ModelFixtures.bytes(
                ModelFixtures.text(s).replaceFirst("\n40,[^\n]*\n$", "\n"))), "schedule.csv has 39 rows, expected T = 40");
    }

    @Test
    void invalidConfigValue() throws Exception {
        refused("config.dlab", withManifestValue("config.steps", "-3"),
                "its config is invalid: T must be between 2 and 1000, got -3");
    }

    @Test
    void unknownOptimizer() throws Exception {
        refused("optimizer.dlab", withManifestValue("config.optimizer", "SGD"),
                "its config is invalid: optimizer must be one of [ADAM, RMSPROP], got SGD");
    }

    @Test
    void nonNumericManifestValue() throws Exception {
        refused("lr.dlab", withManifestValue("config.learningRate", "fast"),
                "config.learningRate = 'fast' is not a number");
    }

    @Test
    void missingManifestValue() throws Exception {
        refused("seed.dlab", withEntry(ModelFile.MANIFEST, m -> ModelFixtures.bytes(
                ModelFixtures.text(m).replaceFirst("config.seed=[^\n]*\n", ""))), "no value for config.seed");
    }

    @Test
    void layoutOfAnIncompatibleVersion() throws Exception {
        refused("layout.dlab", withEntry(ModelFile.LAYOUT, l -> ModelFixtures.bytes(
                ModelFixtures.text(l).replace("rbf.centres,16x2,0,32", "rbf.centers,2x16,0,32"))),
                "layout (layout.csv) does not match architecture 'paper'", "line 2 is 'rbf.centers,2x16,0,32'",
                "incompatible version");
    }

    @Test
    void parameterCountThatDisagreesWithTheArchitecture() throws Exception {
        refused("count.dlab", withManifestValue("network.parameterCount", "123"),
                "says the network has 123 parameters");
    }

    @Test
    void otherDataType() throws Exception {
        refused("f64.dlab", withManifestValue("network.dataType", "float64"), "stored as 'float64'");
    }

    @Test
    void missingEntry() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
        entries.remove(ModelFile.HISTORY);
        refused("nohistory.dlab", ModelFixtures.zip(entries), "it has no history.csv entry");
    }

    @Test
    void badHistoryRow() throws Exception {
        refused("history.dlab", withEntry(ModelFile.HISTORY, h -> ModelFixtures.bytes(ModelFixtures.text(h) + "7,x,1,2\n")),
                "history.csv line 8", "is not four numbers");
    }

    @Test
    void unknownEntriesAreIgnored() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
        entries.put("thumbnail.png", new byte[]{1, 2, 3});
        Path file = dir.resolve("extra.dlab");
        Files.write(file, ModelFixtures.zip(entries));
        assertNotNull(ModelFile.load(file));
    }

    @Test
    void nonExistentPath() {
        refused(dir.resolve("missing.dlab"), "the file does not exist");
    }

    @Test
    void directory() throws Exception {
        refused(Files.createDirectory(dir.resolve("folder.dlab")), "it is a folder, not a model file");
    }
}
