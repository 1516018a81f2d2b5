package org.diffusionlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes example inputs for {@code inpaint} and {@code denoise} into a folder: {@code digit.png} (the first test digit),
 * {@code leaves.png} (the first held-out dead-leaves image), {@code gravel.png} (the first held-out gravel patch) and
 * {@code hole.png} (a mask whose central 12 x 12 pixels are white, i.e. to fill), all 28 x 28; and, to set beside a
 * model's samples, grids of 64 training images as {@code sample --png} draws them ({@code data-deadleaves.png},
 * {@code data-digits.png}, {@code data-gravel.png}; 8 x 8, enlarged three times).
 * Run: {@code java -cp target/diffusionlab.jar org.diffusionlab.data.ExampleImages FOLDER}.
 */
public final class ExampleImages {

    private ExampleImages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: ExampleImages FOLDER");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }

    /** Writes the four images and the three data grids into the folder (created if needed). */
    public static void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        ImageFiles.writePng(folder.resolve("digit.png"), 28, 28, DigitImages.load().holdout(1)[0]);
        ImageFiles.writePng(folder.resolve("leaves.png"), 28, 28, DeadLeaves.standard(28).holdout(1)[0]);
        ImageFiles.writePng(folder.resolve("gravel.png"), 28, 28, TextureImages.load("gravel", 28).holdout(1)[0]);
        float[] hole = new float[28 * 28];
        for (int y = 8; y < 20; y++) {
            for (int x = 8; x < 20; x++) {
                hole[y * 28 + x] = 1f;
            }
        }
        ImageFiles.writePng(folder.resolve("hole.png"), 28, 28, hole);
        Random rng = new Random(1);
        ImageFiles.writeGridPng(folder.resolve("data-deadleaves.png"), DeadLeaves.standard(28).training(64, rng), 28, 8, 3);
        ImageFiles.writeGridPng(folder.resolve("data-digits.png"), DigitImages.load().training(64, rng), 28, 8, 3);
        ImageFiles.writeGridPng(folder.resolve("data-gravel.png"), TextureImages.load("gravel", 28).training(64, rng), 28, 8, 3);
    }
}
