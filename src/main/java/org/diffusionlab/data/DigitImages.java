package org.diffusionlab.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * 10,000 handwritten MNIST digits (28 x 28, 8-bit grey) bundled as {@code datasets/mnist-10k.bin.gz} (see
 * datasets/README.md for the provenance and datasets/convert_mnist.py for the format). Splits, fixed by the file's
 * order: digits 0..7999 train, 8000..8999 validation (e.g. the Parzen window width), 9000..9999 test (the holdout).
 */
public final class DigitImages implements ImageDataset {

    public static final String RESOURCE = "/datasets/mnist-10k.bin.gz";
    public static final int TRAIN = 8000;
    public static final int VALIDATION = 1000;
    private static final int SIDE = 28;

    private static volatile DigitImages instance;

    private final float[][] images;
    private final byte[] labels;

    private DigitImages(float[][] images, byte[] labels) {
        this.images = images;
        this.labels = labels;
    }

    /** The bundled digits (read once). */
    public static DigitImages load() {
        DigitImages d = instance;
        if (d == null) {
            synchronized (DigitImages.class) {
                if (instance == null) {
                    try (InputStream in = DigitImages.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IOException("The bundled digits " + RESOURCE + " are missing from the class path");
                        }
                        instance = read(in, RESOURCE);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                d = instance;
            }
        }
        return d;
    }

    /** Reads the format written by datasets/convert_mnist.py. */
    static DigitImages read(InputStream raw, String name) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw)))) {
            byte[] magic = new byte[8];
            in.readFully(magic);
            if (!"DLDIGIT1".equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new IOException(name + " is not a DiffusionLab digits file");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count != TRAIN + VALIDATION + 1000 || rows != SIDE || cols != SIDE) {
                throw new IOException(name + ": expected 10000 digits of 28 x 28, found " + count + " of " + rows + " x " + cols);
            }
            byte[] labels = new byte[count];
            in.readFully(labels);
            float[][] images = new float[count][SIDE * SIDE];
            byte[] buf = new byte[SIDE * SIDE];
            for (int i = 0; i < count; i++) {
                in.readFully(buf);
                for (int k = 0; k < buf.length; k++) {
                    images[i][k] = (buf[k] & 0xff) / 255f;
                }
            }
            return new DigitImages(images, labels);
        } catch (java.io.EOFException e) {
            throw new IOException(name + " is truncated", e);
        }
    }

    @Override
    public String name() {
        return "digits";
    }

    @Override
    public int size() {
        return SIDE;
    }

    @Override
    public boolean eightBit() {
        return true;
    }

    @Override
    public float[][] training(int n, Random rng) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = images[rng.nextInt(TRAIN)].clone();
        }
        return out;
    }

    /** The validation digits 8000..8999 (first n). */
    public float[][] validation(int n) {
        return slice(TRAIN, Math.min(n, VALIDATION));
    }

    /** All 8,000 training digits (copies). */
    public float[][] allTraining() {
        return slice(0, TRAIN);
    }

    @Override
    public float[][] holdout(int n) {
        return slice(TRAIN + VALIDATION, Math.min(n, holdoutCount()));
    }

    @Override
    public int holdoutCount() {
        return images.length - TRAIN - VALIDATION;
    }

    /** The digit's class 0..9. */
    public int label(int index) {
        return labels[index];
    }

    private float[][] slice(int from, int n) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = images[from + i].clone();
        }
        return out;
    }
}
