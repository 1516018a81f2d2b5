package org.diffusionlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A user's own folder of images (PNG, JPEG, GIF, BMP; not recursive), each converted to grey and its central square
 * scaled to the model size. Every tenth image (in file-name order) is held out; the rest train.
 */
public final class FolderImages implements ImageDataset {

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    private final Path folder;
    private final int size;
    private final float[][] train;
    private final float[][] held;

    private FolderImages(Path folder, int size, float[][] train, float[][] held) {
        this.folder = folder;
        this.size = size;
        this.train = train;
        this.held = held;
    }

    /** Reads every image in the folder; a file that is not a readable image is an error naming it. */
    public static FolderImages load(Path folder, int size) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted().toList();
        }
        if (files.size() < 2) {
            throw new IOException(folder + " holds " + files.size() + " image file(s) (png, jpg, gif, bmp); "
                    + "at least 2 are needed (every tenth is held out)");
        }
        List<float[]> train = new ArrayList<>();
        List<float[]> held = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            float[] px = ImageFiles.squareResized(ImageFiles.read(files.get(i)), size);
            (i % 10 == 9 || (i == files.size() - 1 && held.isEmpty()) ? held : train).add(px);
        }
        return new FolderImages(folder, size, train.toArray(new float[0][]), held.toArray(new float[0][]));
    }

    @Override
    public String name() {
        return "folder:" + folder;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean eightBit() {
        return true;
    }

    @Override
    public float[][] training(int n, Random rng) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = train[rng.nextInt(train.length)].clone();
        }
        return out;
    }

    @Override
    public float[][] holdout(int n) {
        float[][] out = new float[Math.min(n, held.length)][];
        for (int i = 0; i < out.length; i++) {
            out[i] = held[i].clone();
        }
        return out;
    }

    @Override
    public int holdoutCount() {
        return held.length;
    }

    public int trainingCount() {
        return train.length;
    }
}
