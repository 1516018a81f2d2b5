package org.diffusionlab.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.io.ModelFile;
import org.diffusionlab.engine.io.SavedModel;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom architecture strings and the locally linear readout's shape. */
class MlpArchitectureTest {

    @TempDir
    Path dir;

    @Test
    void suffixesParseInEitherOrder() {
        MlpArchitecture a = MlpArchitecture.preset("rbf:128+bias+local");
        MlpArchitecture b = MlpArchitecture.preset("rbf:128+local+bias");
        assertTrue(a.perStepInputBias() && a.localLinearReadout());
        assertTrue(b.perStepInputBias() && b.localLinearReadout());
        MlpArchitecture plain = MlpArchitecture.preset("rbf:128+bias");
        assertFalse(plain.localLinearReadout());
        assertNotEquals(plain, MlpArchitecture.preset("rbf:128+bias+local"));
        assertFalse(MlpArchitecture.preset("large").localLinearReadout(), "the presets keep the plain readout");
        assertFalse(MlpArchitecture.isValid("rbf:128+loc"));
        assertTrue(a.toString().contains("locally linear"), a.toString());
    }

    @Test
    void theLocalReadoutHasOneWeightPerUnitAndFeature() {
        MlpArchitecture a = MlpArchitecture.preset("tanh:8,5+local");
        assertEquals(5 * 3, a.readoutWidth(2), "h, h x_1, h x_2");
        assertEquals(5, MlpArchitecture.preset("tanh:8,5").readoutWidth(2));
        FlatParameters p = DiffusionMlp.layout(a, 2, 40).build(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        assertArrayEquals(new long[]{40, 15, 4}, p.get("out.W").shape());
    }

    @Test
    void aLocalModelSurvivesTheModelFile() throws Exception {
        TrainingConfig config = TrainingConfig.defaults().withArchitecture("rbf:16+bias+local").withHoldoutSize(100);
        DiffusionModel m = DiffusionModel.untrained(config);
        double[] p = m.network().parameters().toDoubleArray();
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.01 * (i % 17);
        }
        m.network().parameters().setFrom(p);
        Path file = dir.resolve("local.dlab");
        ModelFile.save(file, new SavedModel(m, List.of(), 3, 1.5, "test", Instant.EPOCH));
        DiffusionModel back = ModelFile.load(file).model();
        assertEquals(config, back.config());
        assertTrue(back.network().architecture().localLinearReadout());
        float[] a = m.network().parameters().flat().toFloatVector();
        float[] b = back.network().parameters().flat().toFloatVector();
        assertArrayEquals(a, b);
    }
}
