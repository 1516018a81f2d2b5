package org.diffusionlab.app.inpaint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.diffusionlab.data.ImageDataset;
import org.diffusionlab.data.ImageDatasets;
import org.diffusionlab.data.ImageFiles;
import org.diffusionlab.engine.NativeRuntime;
import org.diffusionlab.engine.image.ImageDiffusionModel;
import org.diffusionlab.engine.image.ImageModelFile;
import org.diffusionlab.engine.image.ImageSampler;
import org.diffusionlab.engine.image.ImageTrajectory;
import org.diffusionlab.engine.image.SavedImageModel;
import org.diffusionlab.engine.io.ModelFileException;
import org.diffusionlab.engine.posterior.PixelObservation;

/**
 * The pane's work off the JavaFX thread, all on the pane's one worker thread (which owns the models' ND4J arrays):
 * loading the shipped models, drawing a random held-out image or a model sample, reading a user's file, and running
 * the reverse process multiplied by what is known of the image.
 */
public final class InpaintEngine {

    /** How many held-out images a random pick chooses from. */
    static final int POOL = 500;

    private final Map<String, SavedImageModel> models = new ConcurrentHashMap<>();
    private final Map<String, float[][]> pools = new ConcurrentHashMap<>();

    /** A shipped model by name (deadleaves, digits, texture), loaded once. */
    public SavedImageModel model(String name) throws ModelFileException {
        SavedImageModel m = models.get(name);
        if (m == null) {
            NativeRuntime.configureDefault();
            m = ImageModelFile.loadBundled(name);
            models.put(name, m);
        }
        return m;
    }

    /** The model's data scale: grey = mean + std x. */
    public record Scale(int size, int steps, double mean, double std, String dataset) {
    }

    public Scale scale(String name) throws ModelFileException {
        ImageDiffusionModel m = model(name).model();
        return new Scale(m.size(), m.schedule().steps(), m.dataMean(), m.dataStd(), m.config().dataset());
    }

    /** A held-out image of the model's data set (never trained on), chosen by the seed. */
    public SourceImage randomImage(String name, long seed) throws IOException, ModelFileException {
        ImageDiffusionModel m = model(name).model();
        String dataset = m.config().dataset();
        float[][] pool = pools.get(dataset + "@" + m.size());
        if (pool == null) {
            ImageDataset d = ImageDatasets.open(dataset, m.size());
            pool = d.holdout(Math.min(POOL, d.holdoutCount()));
            pools.put(dataset + "@" + m.size(), pool);
        }
        int k = new Random(seed).nextInt(pool.length);
        return new SourceImage(describe(dataset) + " (held-out image " + (k + 1) + ")", m.size(), pool[k], null);
    }

    /** One sample of the model (all T reverse steps), clipped to [0, 1]. */
    public SourceImage sample(String name, long seed, BooleanSupplier cancelled) throws ModelFileException {
        ImageDiffusionModel m = model(name).model();
        NativeRuntime.configureDefault();
        ImageTrajectory tr = ImageSampler.run(m, new ImageSampler.Request(1, null, seed, false), cancelled, null);
        float[] px = tr.image(0, 0);
        for (int i = 0; i < px.length; i++) {
            px[i] = Math.max(0f, Math.min(1f, px[i]));
        }
        return new SourceImage("a sample of the " + describe(m.config().dataset()) + " model (seed " + seed + ")",
                m.size(), px, null);
    }

    /** A user's image file: grey by luminance, the central square resized to the model's size. */
    public static SourceImage open(Path file, int size) throws IOException {
        ImageFiles.Gray g = ImageFiles.read(file);
        if (g.width() < 1 || g.height() < 1) {
            throw new IOException(file + " has no pixels");
        }
        float[] px = ImageFiles.squareResized(g, size);
        int side = Math.min(g.width(), g.height());
        double scale = Math.min(1.0, SourceImage.Crop.THUMB / (double) Math.max(g.width(), g.height()));
        int tw = Math.max(1, (int) Math.round(g.width() * scale));
        int th = Math.max(1, (int) Math.round(g.height() * scale));
        float[] thumb = new float[tw * th];
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                // area average over the source pixels this thumbnail pixel covers
                int sx0 = (int) Math.floor(x / scale);
                int sx1 = Math.max(sx0 + 1, Math.min(g.width(), (int) Math.floor((x + 1) / scale)));
                int sy0 = (int) Math.floor(y / scale);
                int sy1 = Math.max(sy0 + 1, Math.min(g.height(), (int) Math.floor((y + 1) / scale)));
                double sum = 0;
                for (int sy = sy0; sy < sy1; sy++) {
                    for (int sx = sx0; sx < sx1; sx++) {
                        sum += g.at(Math.min(sx, g.width() - 1), Math.min(sy, g.height() - 1));
                    }
                }
                thumb[y * tw + x] = (float) (sum / ((sx1 - sx0) * (sy1 - sy0)));
            }
        }
        SourceImage.Crop crop = new SourceImage.Crop(g.width(), g.height(), (g.width() - side) / 2,
                (g.height() - side) / 2, side, tw, th, thumb);
        return new SourceImage(file.getFileName().toString(), size, px, crop);
    }

    /**
     * Runs the job: FILL clamps the known pixels to the original at every step; DENOISE multiplies every step by a
     * Gaussian observation of the noisy image with the job's noise level. {@code cancelled} is checked before every
     * step (a CancellationException ends the run); {@code listener} sees every x_t.
     */
    public FillResult run(FillJob job, BooleanSupplier cancelled, ImageSampler.StepListener listener)
            throws ModelFileException {
        ImageDiffusionModel m = model(job.model()).model();
        NativeRuntime.configureDefault();
        float[] grey = job.observed();
        if (grey.length != m.pixels()) {
            throw new IllegalArgumentException("The image has " + grey.length + " pixels, the model " + m.pixels());
        }
        float[] y = new float[grey.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) ((grey[i] - m.dataMean()) / m.dataStd());
        }
        PixelObservation obs;
        if (job.mode() == Mode.FILL) {
            boolean[] masked = job.mask();
            boolean[] known = new boolean[masked.length];
            for (int i = 0; i < known.length; i++) {
                known[i] = !masked[i];
            }
            obs = PixelObservation.clamp(y, known);
        } else {
            obs = PixelObservation.gaussian(y, job.sigma() / m.dataStd());
        }
        long start = System.nanoTime();
        ImageTrajectory tr = ImageSampler.run(m, new ImageSampler.Request(job.fills(), obs, job.seed(), true),
                cancelled, listener);
        return new FillResult(job, tr, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Fills the central square of a blank image {@code fills} times and throws the results away, so that the JIT has
     * compiled the sampler before the student's first fill: in a fresh JVM the first fill takes two to three times as
     * long as later ones. Checks {@code stop} before every step and returns how many fills ran to the end.
     */
    public int warmUp(String name, int fills, BooleanSupplier stop) throws ModelFileException {
        Scale s = scale(name);
        float[] blank = new float[s.size() * s.size()];
        Arrays.fill(blank, (float) s.mean());
        Mask mask = new Mask(s.size());
        mask.centreSquare();
        SourceImage image = new SourceImage("warm-up", s.size(), blank, null);
        for (int k = 0; k < fills; k++) {
            try {
                run(new FillJob(name, Mode.FILL, image, mask.toArray(), blank, blank, 0, k, 1), stop, null);
            } catch (CancellationException stopped) {
                return k;
            }
        }
        return fills;
    }

    /** A data set's name as a student reads it. */
    static String describe(String dataset) {
        String d = dataset.toLowerCase(java.util.Locale.ROOT);
        if (d.equals("deadleaves")) {
            return "dead leaves";
        }
        if (d.startsWith("texture")) {
            return "texture";
        }
        return d;
    }
}
