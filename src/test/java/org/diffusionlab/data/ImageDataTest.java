package org.diffusionlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled digits and textures, the folder loader, dequantisation, and clear messages for bad image files. */
class ImageDataTest {

    @TempDir
    Path dir;

    @Test
    void digitsAreEightBitWithDisjointSplits() {
        DigitImages d = DigitImages.load();
        assertEquals(28, d.size());
        assertEquals(1000, d.holdoutCount());
        float[] first = d.holdout(1)[0];
        for (float v : first) {
            assertEquals(Math.round(v * 255) / 255f, v, 0f, "an 8-bit grey level");
        }
        int[] perClass = new int[10];
        for (int i = 9000; i < 10000; i++) {
            perClass[d.label(i)]++;
        }
        for (int c = 0; c < 10; c++) {
            assertTrue(perClass[c] > 60, "the test split holds every digit class: " + java.util.Arrays.toString(perClass));
        }
        assertEquals(1000, d.validation(5000).length);
    }

    @Test
    void texturePatchesHoldOutTheRightQuarter() {
        TextureImages t = TextureImages.load("gravel", 28);
        assertEquals("texture:gravel", t.name());
        float[][] train = t.training(50, new Random(1));
        float[][] held = t.holdout(50);
        assertEquals(28 * 28, train[0].length);
        assertNotEquals(train[0][0] + train[1][5], held[0][0] + held[1][5]);
        assertThrows(IllegalArgumentException.class, () -> TextureImages.load("marble", 28));
    }

    @Test
    void dequantisationSpreadsEachLevelOverItsBin() {
        float[][] img = {{0f, 1f, 128 / 255f}};
        ImageDataset.dequantise(img, new Random(2));
        assertTrue(img[0][0] >= 0 && img[0][0] < 1 / 256f);
        assertTrue(img[0][1] >= 255 / 256f && img[0][1] < 1f);
        assertTrue(img[0][2] >= 128 / 256f && img[0][2] < 129 / 256f);
    }

    @Test
    void aFolderOfImagesIsReadResizedAndSplit() throws IOException {
        for (int i = 0; i < 12; i++) {
            float[] px = new float[40 * 30];
            java.util.Arrays.fill(px, i / 12f);
            ImageFiles.writePng(dir.resolve(String.format("img%02d.png", i)), 40, 30, px);
        }
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        FolderImages f = FolderImages.load(dir, 16);
        assertEquals(11, f.trainingCount());
        assertEquals(1, f.holdoutCount());
        assertEquals(9 / 12f, f.holdout(1)[0][100], 1 / 255f);
    }

    @Test
    void corruptOrForeignImageFilesGiveAMessageNamingTheFile() throws IOException {
        Path text = dir.resolve("letter.png");
        Files.writeString(text, "Dear reader, this is not a picture.");
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(text));
        assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("not an image"), e.getMessage());

        float[] px = new float[64 * 64];
        ImageFiles.writePng(dir.resolve("good.png"), 64, 64, px);
        byte[] bytes = Files.readAllBytes(dir.resolve("good.png"));
        Path cut = dir.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e2 = assertThrows(IOException.class, () -> ImageFiles.read(cut));
        assertTrue(e2.getMessage().contains(cut.toString()), e2.getMessage());

        Path missing = dir.resolve("missing.png");
        IOException e3 = assertThrows(IOException.class, () -> ImageFiles.read(missing));
        assertTrue(e3.getMessage().contains("missing.png"), e3.getMessage());

        Path folder = Files.createDirectory(dir.resolve("folder"));
        ImageFiles.writePng(folder.resolve("a.png"), 64, 64, px);
        ImageFiles.writePng(folder.resolve("b.png"), 64, 64, px);
        Files.writeString(folder.resolve("zz-broken.jpg"), "garbage");
        IOException e4 = assertThrows(IOException.class, () -> FolderImages.load(folder, 16));
        assertTrue(e4.getMessage().contains("zz-broken.jpg"), e4.getMessage());
    }
}
