package org.diffusionlab.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.diffusionlab.data.Datasets;
import org.diffusionlab.data.UserData;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User data travel inside the model file (the optional data.csv entry). */
class UserDataModelFileTest {

    @TempDir
    Path dir;

    /** A model that carries its user data (nothing registered). */
    private static SavedModel userModel(UserData data) {
        TrainingConfig c = TrainingConfig.defaults().withArchitecture("paper").withDataset(data.id());
        return new SavedModel(DiffusionModel.untrained(c), List.of(), 0, 0, "test", ModelFixtures.SAVED_AT,
                java.util.Optional.of(data));
    }

    @Test
    void userDataRoundTripAndBuiltInModelsHaveNoDataEntry() throws Exception {
        UserData data = new UserData(new double[][] {{0.1, 0.2}, {0.3, -0.7}, {Math.E, 1e-9}, {4, 4}});
        Path file = dir.resolve("mine.dlab");
        ModelFile.save(file, userModel(data));
        Map<String, byte[]> entries = ModelFixtures.entries(Files.readAllBytes(file));
        assertEquals(data.toCsv(), ModelFixtures.text(entries.get("data.csv")));
        SavedModel back = ModelFile.load(file);
        assertEquals(data.id(), back.model().config().dataset());
        assertArrayEquals(data.points(), back.userData().orElseThrow().points());
        assertTrue(Datasets.user(data.id()).isEmpty(), "loading registers nothing (issue 24)");
        back.registerUserData();
        assertArrayEquals(data.points(), Datasets.user(data.id()).orElseThrow().points());

        Path roll = dir.resolve("roll.dlab");
        ModelFile.save(roll, ModelFixtures.model());
        assertFalse(ModelFixtures.entries(Files.readAllBytes(roll)).containsKey("data.csv"));
    }

    @Test
    void aMissingOrAlteredDataEntryIsRefusedNamingTheFile() throws Exception {
        UserData data = new UserData(new double[][] {{1, 2}, {3, 5}, {-1, 0}});
        Path file = dir.resolve("u.dlab");
        ModelFile.save(file, userModel(data));
        Map<String, byte[]> entries = ModelFixtures.entries(Files.readAllBytes(file));

        Map<String, byte[]> altered = new java.util.LinkedHashMap<>(entries);
        altered.put("data.csv", ModelFixtures.bytes("x,y\n1,2\n3,5\n-1,0.5\n"));
        Path bad = dir.resolve("altered.dlab");
        Files.write(bad, ModelFixtures.zip(altered));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(bad));
        assertTrue(e.getMessage().contains(bad.getFileName().toString()) && e.getMessage().contains("other points"),
                e.getMessage());

        Map<String, byte[]> missing = new java.util.LinkedHashMap<>(entries);
        missing.remove("data.csv");
        Path none = dir.resolve("missing.dlab");
        Files.write(none, ModelFixtures.zip(missing));
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(none));
        assertTrue(e.getMessage().contains("no data.csv"), e.getMessage());
    }
}
