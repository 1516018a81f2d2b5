package org.diffusionlab.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The kernel form in the model file: a full-covariance model round-trips; files without the key load as diagonal. */
class FullCovarianceModelFileTest {

    @TempDir
    Path dir;

    private static SavedModel fullModel() {
        TrainingConfig config = TrainingConfig.defaults().withArchitecture("paper").withCovariance(KernelForm.FULL);
        DiffusionModel m = DiffusionModel.untrained(config);
        double[] p = m.network().parameters().toDoubleArray();
        Random rng = new Random(8);
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.5 * rng.nextGaussian();
        }
        m.network().parameters().setFrom(p);
        return new SavedModel(m, java.util.List.of(), 10, 1.5, "0.1.0-test", ModelFixtures.SAVED_AT);
    }

    private static Properties manifest(byte[] file) throws Exception {
        Properties p = new Properties();
        p.load(new java.io.StringReader(ModelFixtures.text(ModelFixtures.entries(file).get(ModelFile.MANIFEST))));
        return p;
    }

    @Test
    void aFullCovarianceModelRoundTripsAsVersionTwo() throws Exception {
        SavedModel original = fullModel();
        Path file = dir.resolve("full.dlab");
        ModelFile.save(file, original);
        Properties m = manifest(java.nio.file.Files.readAllBytes(file));
        assertEquals("2", m.getProperty("formatVersion"));
        assertEquals("full", m.getProperty("config.covariance"));

        DiffusionModel loaded = ModelFile.load(file).model();
        assertEquals(original.model().config(), loaded.config());
        assertEquals(KernelForm.FULL, loaded.network().kernelForm());
        assertArrayEquals(original.model().network().parameters().flat().castTo(DataType.FLOAT).toFloatVector(),
                loaded.network().parameters().flat().castTo(DataType.FLOAT).toFloatVector());
        INDArray x = Nd4j.createFromArray(new float[][]{{0.1f, -0.2f}, {1.5f, 0.3f}});
        assertEquals(original.model().network().forward(x, 7, 1).output(), loaded.network().forward(x, 7, 1).output());
        assertEquals(5, loaded.network().forward(x, 7, 1).output().size(2));
    }

    @Test
    void aDiagonalModelStaysVersionOne() throws Exception {
        Path file = dir.resolve("diagonal.dlab");
        ModelFile.save(file, ModelFixtures.model());
        Properties m = manifest(java.nio.file.Files.readAllBytes(file));
        assertEquals("1", m.getProperty("formatVersion"));
        assertEquals("diagonal", m.getProperty("config.covariance"));
    }

    @Test
    void aFileWrittenBeforeTheKeyLoadsAsDiagonal() throws Exception {
        SavedModel original = ModelFixtures.model();
        Path saved = dir.resolve("new.dlab");
        ModelFile.save(saved, original);
        Map<String, byte[]> entries = ModelFixtures.entries(java.nio.file.Files.readAllBytes(saved));
        String withoutKey = ModelFixtures.text(entries.get(ModelFile.MANIFEST)).replace("config.covariance=diagonal\n", "");
        assertTrue(!withoutKey.contains("covariance"));
        entries.put(ModelFile.MANIFEST, ModelFixtures.bytes(withoutKey));
        Path file = dir.resolve("old.dlab");
        ModelFixtures.write(file, ModelFixtures.zip(entries));
        DiffusionModel loaded = ModelFile.load(file).model();
        assertEquals(KernelForm.DIAGONAL, loaded.config().covariance());
        assertEquals(original.model().config(), loaded.config());
    }

    @Test
    void theShippedSwissRollModelLoadsAsDiagonal() throws Exception {
        DiffusionModel shipped = ModelFile.load(Path.of("assets", "models", "swissroll.dlab")).model();
        assertEquals(KernelForm.DIAGONAL, shipped.config().covariance());
        assertEquals(KernelForm.DIAGONAL, shipped.network().kernelForm());
    }
}
