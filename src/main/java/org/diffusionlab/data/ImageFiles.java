package org.diffusionlab.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.diffusionlab.engine.files.AtomicFile;

/** Reading and writing grey-scale images (PNG, JPEG, GIF, BMP through javax.imageio), with messages naming the file. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** A grey-scale image: values in [0, 1], row-major. */
    public record Gray(int width, int height, float[] pixels) {
        public float at(int x, int y) {
            return pixels[y * width + x];
        }
    }

    /** Reads an image file as grey levels in [0, 1] (colour converted by luminance). */
    public static Gray read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a file");
        }
        BufferedImage img;
        try (InputStream in = Files.newInputStream(file)) {
            img = ImageIO.read(in);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a readable image (damaged or truncated?): " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IOException(file + " is not an image this program can read (PNG, JPEG, GIF or BMP)");
        }
        return toGray(img);
    }

    /** Reads an image from a stream (e.g. a bundled resource); {@code name} is used in messages. */
    public static Gray read(InputStream in, String name) throws IOException {
        BufferedImage img = ImageIO.read(in);
        if (img == null) {
            throw new IOException(name + " is not an image this program can read (PNG, JPEG, GIF or BMP)");
        }
        return toGray(img);
    }

    static Gray toGray(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] px = new float[w * h];
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            var raster = img.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    px[y * w + x] = raster.getSample(x, y, 0) / 255f;
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = img.getRGB(x, y);
                    double lum = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
                    px[y * w + x] = (float) (Math.round(lum) / 255.0);
                }
            }
        }
        return new Gray(w, h, px);
    }

    /** The central square of an image scaled to size x size (bilinear; area-averaged when shrinking a lot). */
    public static float[] squareResized(Gray g, int size) {
        int side = Math.min(g.width(), g.height());
        int x0 = (g.width() - side) / 2;
        int y0 = (g.height() - side) / 2;
        BufferedImage src = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        var raster = src.getRaster();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                raster.setSample(x, y, 0, Math.round(g.at(x0 + x, y0 + y) * 255f));
            }
        }
        java.awt.Image scaled = side > 2 * size ? src.getScaledInstance(size, size, java.awt.Image.SCALE_AREA_AVERAGING) : src;
        BufferedImage dst = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D gr = dst.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        gr.drawImage(scaled, 0, 0, size, size, null);
        gr.dispose();
        return toGray(dst).pixels();
    }

    /** Writes grey levels in [0, 1] (clipped) as an 8-bit PNG, atomically (temporary file, then a rename). */
    public static void writePng(Path file, int width, int height, float[] pixels) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        var raster = img.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = pixels[y * width + x];
                int k = Float.isNaN(v) ? 0 : Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
                raster.setSample(x, y, 0, k);
            }
        }
        AtomicFile.writeStream(file, null, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("this Java runtime has no PNG writer");
            }
        });
    }

    /** Writes images of side {@code size} as a grid of {@code cols} columns (see {@link #grid}), enlarged {@code zoom} times. */
    public static void writeGridPng(Path png, float[][] images, int size, int cols, int zoom) throws IOException {
        int[] dims = new int[2];
        float[] grid = grid(images, size, cols, dims);
        if (zoom > 1) {
            grid = enlarged(grid, dims, zoom);
        }
        writePng(png, dims[0], dims[1], grid);
    }

    /** Nearest-neighbour enlargement of a [dims[1], dims[0]] image (pixels stay visible as pixels); updates dims. */
    public static float[] enlarged(float[] px, int[] dims, int k) {
        int w = dims[0], h = dims[1];
        float[] out = new float[w * k * h * k];
        for (int y = 0; y < h * k; y++) {
            for (int x = 0; x < w * k; x++) {
                out[y * w * k + x] = px[(y / k) * w + x / k];
            }
        }
        dims[0] = w * k;
        dims[1] = h * k;
        return out;
    }

    /** Tiles images of side {@code size} into a grid of {@code cols} columns with a 1-pixel gap (mid grey). */
    public static float[] grid(float[][] images, int size, int cols, int[] dimsOut) {
        int rows = (images.length + cols - 1) / cols;
        int w = cols * (size + 1) + 1;
        int h = rows * (size + 1) + 1;
        float[] px = new float[w * h];
        java.util.Arrays.fill(px, 0.5f);
        for (int i = 0; i < images.length; i++) {
            int ox = 1 + (i % cols) * (size + 1);
            int oy = 1 + (i / cols) * (size + 1);
            for (int y = 0; y < size; y++) {
                System.arraycopy(images[i], y * size, px, (oy + y) * w + ox, size);
            }
        }
        dimsOut[0] = w;
        dimsOut[1] = h;
        return px;
    }
}
