package org.diffusionlab.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Round trip, layout and atomic saving of the .dlab model file. */
class ModelFileTest {

    @TempDir
    Path dir;

    private static float[] floats(DiffusionModel m) {
        return m.network().parameters().flat().castTo(DataType.FLOAT).toFloatVector();
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void roundTripGivesExactlyTheSameModel() throws Exception {
        SavedModel original = ModelFixtures.model();
        Path file = dir.resolve("run" + ModelFile.EXTENSION);
        ModelFile.save(file, original);
        SavedModel loaded = ModelFile.load(file);

        DiffusionModel a = original.model();
        DiffusionModel b = loaded.model();
        assertEquals(a.config(), b.config());
        assertEquals(a.schedule().name(), b.schedule().name());
        double[] betaA = a.schedule().betas();
        double[] betaB = b.schedule().betas();
        assertEquals(betaA.length, betaB.length);
        for (int i = 0; i < betaA.length; i++) {
            assertEquals(Double.doubleToRawLongBits(betaA[i]), Double.doubleToRawLongBits(betaB[i]), "beta_" + (i + 1));
        }
        assertEquals(a.network().architecture(), b.network().architecture());
        assertEquals(a.network().dims(), b.network().dims());
        assertEquals(a.network().steps(), b.network().steps());
        assertEquals(DataType.FLOAT, b.network().dataType());
        assertEquals(a.network().parameters().slots().size(), b.network().parameters().slots().size());
        float[] pa = floats(a);
        float[] pb = floats(b);
        assertEquals(pa.length, pb.length);
        for (int i = 0; i < pa.length; i++) {
            assertEquals(Float.floatToRawIntBits(pa[i]), Float.floatToRawIntBits(pb[i]), "parameter " + i);
        }
        assertEquals(original.history(), loaded.history());
        assertEquals(original.iterations(), loaded.iterations());
        assertEquals(Double.doubleToRawLongBits(original.trainingSeconds()),
                Double.doubleToRawLongBits(loaded.trainingSeconds()));
        assertEquals(original.createdBy(), loaded.createdBy());
        assertEquals(original.savedAt(), loaded.savedAt());

        // The loaded network computes exactly what the saved one did.
        INDArray x = Nd4j.createFromArray(new float[][]{{0.1f, -0.2f}, {1.5f, 0.3f}, {-1f, 2f}});
        assertEquals(a.network().forward(x, 5, 1).output(), b.network().forward(x, 5, 1).output());
    }

    @Test
    void oddCreatedByAndScheduleNamesRoundTrip() throws Exception {
        SavedModel m = ModelFixtures.model();
        String by = " 0.2 ünïcode = weird: #! \\ \t\n ∑";
        SavedModel odd = new SavedModel(new DiffusionModel(m.model().config(), m.model().schedule().named("my = name"),
                m.model().network()), List.of(), 0, 0.0, by, m.savedAt());
        Path file = dir.resolve("odd.dlab");
        ModelFile.save(file, odd);
        SavedModel loaded = ModelFile.load(file);
        assertEquals(by, loaded.createdBy());
        assertEquals("my = name", loaded.model().schedule().name());
        assertEquals(List.of(), loaded.history());
    }

    @Test
    void fileHasTheDocumentedEntriesManifestFirst() throws Exception {
        SavedModel m = ModelFixtures.model();
        Path file = dir.resolve("layout.dlab");
        ModelFile.save(file, m);
        Map<String, byte[]> entries = ModelFixtures.entries(Files.readAllBytes(file));
        assertEquals(List.of("manifest.properties", "schedule.csv", "layout.csv", "parameters.bin", "history.csv"),
                new ArrayList<>(entries.keySet()));

        Properties manifest = new Properties();
        manifest.load(new java.io.StringReader(ModelFixtures.text(entries.get("manifest.properties"))));
        assertEquals("diffusionlab-model", manifest.getProperty("format"));
        assertEquals("1", manifest.getProperty("formatVersion"));
        assertEquals("0.1.0-test", manifest.getProperty("createdBy"));
        assertEquals(ModelFixtures.SAVED_AT.toString(), manifest.getProperty("savedAt"));
        assertEquals("float32", manifest.getProperty("network.dataType"));
        assertEquals("paper", manifest.getProperty("network.architecture"));
        assertEquals("2", manifest.getProperty("network.dims"));
        long count = m.model().network().parameterCount();
        assertEquals(Long.toString(count), manifest.getProperty("network.parameterCount"));
        // Every TrainingConfig field is recorded by name: a field added to the config must be added to the format.
        for (RecordComponent c : TrainingConfig.class.getRecordComponents()) {
            assertTrue(manifest.containsKey("config." + c.getName()), "manifest lacks config." + c.getName());
        }

        String schedule = ModelFixtures.text(entries.get("schedule.csv"));
        String[] rows = schedule.split("\n");
        assertEquals("t,beta", rows[0]);
        assertEquals(41, rows.length);
        assertEquals("40," + m.model().schedule().beta(40), rows[40]);

        byte[] bin = entries.get("parameters.bin");
        assertEquals(4 * count, bin.length);
        float[] expected = floats(m.model());
        assertEquals(Float.floatToRawIntBits(expected[7]),
                Float.floatToRawIntBits(ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN).getFloat(4 * 7)));

        String layout = ModelFixtures.text(entries.get("layout.csv"));
        assertTrue(layout.startsWith("name,shape,offset,length\nrbf.centres,16x2,0,32\nrbf.logPrecision,1x16,32,16\n"),
                layout);
        assertTrue(ModelFixtures.text(entries.get("history.csv"))
                .startsWith("iteration,seconds,batch_k_bits,holdout_k_bits\n0,0.0,NaN,-3.25\n"));
    }

    @Test
    void savingTheSameModelTwiceGivesTheSameBytes() throws Exception {
        SavedModel m = ModelFixtures.model();
        Path a = dir.resolve("a.dlab");
        Path b = dir.resolve("b.dlab");
        ModelFile.save(a, m);
        ModelFile.save(b, m);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void saveLeavesNoTemporaryFilesAndReplacesAnOldFile() throws Exception {
        Path file = dir.resolve("model.dlab");
        SavedModel first = ModelFixtures.model();
        ModelFile.save(file, first);
        assertEquals(List.of(file), listing());

        SavedModel second = new SavedModel(first.model(), List.of(), 9999, 1.5, "other", first.savedAt());
        ModelFile.save(file, second);
        assertEquals(List.of(file), listing());
        assertEquals(9999, ModelFile.load(file).iterations());
    }

    @Test
    void aSaveThatFailsBeforeTheRenameKeepsTheOldFileAndRemovesItsTemporaryFile() throws Exception {
        Path file = dir.resolve("keep.dlab");
        SavedModel m = ModelFixtures.model();
        ModelFile.save(file, m);
        byte[] before = Files.readAllBytes(file);

        SavedModel other = new SavedModel(m.model(), List.of(), 1, 1.0, "other", m.savedAt());
        Path[] seen = new Path[1];
        IOException e = assertThrows(IOException.class, () -> ModelFile.save(file, other, temp -> {
            seen[0] = temp;
            try {
                assertEquals(1, ModelFile.load(temp).iterations(), "the temporary file is complete before the rename");
            } catch (ModelFileException notComplete) {
                fail(notComplete);
            }
            assertEquals(dir, temp.getParent());
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertTrue(seen[0].getFileName().toString().startsWith(".keep.dlab.diffusionlab-"), seen[0].toString());
        assertTrue(seen[0].getFileName().toString().endsWith(".tmp"), seen[0].toString());
        assertFalse(Files.exists(seen[0]));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void aSaveIntoAFolderThatIsARegularFileFailsNamingTheFile() throws Exception {
        Path notAFolder = dir.resolve("plain.txt");
        Files.writeString(notAFolder, "hello");
        Path file = notAFolder.resolve("model.dlab");
        IOException e = assertThrows(IOException.class, () -> ModelFile.save(file, ModelFixtures.model()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is not a folder"), e.getMessage());
        assertEquals("hello", Files.readString(notAFolder));
        assertEquals(List.of(notAFolder), listing());
    }

    @Test
    void aSaveOverAFolderFailsAndLeavesItAlone() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("taken.dlab"));
        IOException e = assertThrows(IOException.class, () -> ModelFile.save(folder, ModelFixtures.model()));
        assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
        assertTrue(Files.isDirectory(folder));
        assertEquals(List.of(folder), listing());
    }

    @Test
    void aModelWithNonFiniteParametersIsRefusedAndTheOldFileKept() throws Exception {
        Path file = dir.resolve("finite.dlab");
        SavedModel m = ModelFixtures.model();
        ModelFile.save(file, m);
        byte[] before = Files.readAllBytes(file);
        DiffusionModel bad = m.model().copy();
        double[] p = bad.network().parameters().toDoubleArray();
        p[3] = Double.POSITIVE_INFINITY;
        bad.network().parameters().setFrom(p);
        SavedModel broken = new SavedModel(bad, m.history(), 1, 1.0, "x", m.savedAt());
        assertThrows(IllegalArgumentException.class, () -> ModelFile.save(file, broken));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void replacingAFileKeepsItsPermissions() throws Exception {
        Path file = dir.resolve("perm.dlab");
        ModelFile.save(file, ModelFixtures.model());
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        ModelFile.save(file, ModelFixtures.model());
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(file));
    }

    @Test
    void nowRecordsThisVersion() {
        SavedModel m = ModelFixtures.model();
        SavedModel now = SavedModel.now(m.model(), m.history(), 3, 2.0);
        assertFalse(now.createdBy().isBlank());
        assertEquals(3, now.iterations());
    }
}
