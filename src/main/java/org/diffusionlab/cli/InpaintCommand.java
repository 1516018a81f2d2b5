package org.diffusionlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.diffusionlab.data.ImageFiles;
import org.diffusionlab.engine.image.ImageDiffusionModel;
import org.diffusionlab.engine.image.ImageSampler;
import org.diffusionlab.engine.image.ImageTrajectory;
import org.diffusionlab.engine.image.SavedImageModel;
import org.diffusionlab.engine.posterior.PixelObservation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inpaint}: fills the masked pixels of an image with the model, keeping the others exactly. */
@Command(name = "inpaint",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        versionProvider = DiffusionLabCli.VersionProvider.class,
        headerHeading = "%n",
        header = "Fill the masked part of an image with an image model (the paper's inpainting).",
        description = {"Runs the reverse process from noise with every known pixel clamped to its value at every "
                + "step (mean = the observed value, variance 0), so only the masked pixels are sampled. The mask is "
                + "an image of the same size as the image (another size is refused): white (grey level >= 0.5) = to "
                + "fill, black = known. Images of another size than the model's are reduced to their central square scaled to the model's size."},
        footerHeading = "%nExamples:%n",
        footer = {"  diffusionlab inpaint assets/models/digits.dlab digit.png hole.png --out filled.png",
                "  diffusionlab inpaint leaves.dlab photo.png mask.png --out filled.png --zoom 4 --trajectory fill.png",
                "",
                "Exit codes: 0 success; 1 a file cannot be written; 2 bad arguments, or a model, image or mask that "
                        + "is missing, unreadable or of the wrong kind or size."})
final class InpaintCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "Image model file (.dlab).")
    Path model;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "The image (PNG, JPEG, GIF or BMP).")
    Path image;

    @Parameters(index = "2", paramLabel = "MASK", description = "The mask: white = fill, black = keep.")
    Path mask;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "The filled image (PNG).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--zoom", paramLabel = "K", defaultValue = "1", description = "Enlarge the PNGs K times, 1 to 16.")
    int zoom;

    @Option(names = "--trajectory", paramLabel = "FILE",
            description = "Also write a strip of 9 frames x_t from t = T down to 0 (PNG).")
    Path trajectory;

    @Override
    int execute() throws Exception {
        if (zoom < 1 || zoom > 16) {
            throw CliException.usage("--zoom must be between 1 and 16, got " + zoom);
        }
        OutputFiles.checkWritable(out, "--out");
        if (trajectory != null) {
            OutputFiles.checkWritable(trajectory, "--trajectory");
        }
        SavedImageModel saved = ImageCommands.loadImageModel(model);
        ImageDiffusionModel m = saved.model();
        ImageFiles.Gray picture = ImageCommands.readInput(image);
        ImageFiles.Gray hole = ImageCommands.readInput(mask);
        if (hole.width() != picture.width() || hole.height() != picture.height()) {
            throw CliException.usage(String.format(Locale.ROOT, "the mask %s is %d x %d pixels, the image %s %d x %d: "
                    + "the mask must be the image's size", mask, hole.width(), hole.height(), image, picture.width(),
                    picture.height()));
        }
        float[] grey = ImageCommands.fit(picture, image, m.size(), err());
        float[] holes = ImageCommands.fit(hole, mask, m.size(), err());
        int p = m.pixels();
        boolean[] known = new boolean[p];
        float[] y = new float[p];
        int fill = 0;
        for (int i = 0; i < p; i++) {
            known[i] = holes[i] < 0.5f;
            fill += known[i] ? 0 : 1;
            y[i] = (float) ((grey[i] - m.dataMean()) / m.dataStd());
        }
        if (fill == 0) {
            throw CliException.usage("the mask " + mask + " has no white pixel: nothing to fill");
        }
        long start = System.nanoTime();
        ImageTrajectory tr = ImageSampler.run(m, ImageSampler.Request.conditioned(PixelObservation.clamp(y, known), seed), null, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        ImageCommands.writeImage(out, tr.image(0, 0), m.size(), zoom);
        if (trajectory != null) {
            writeStrip(trajectory, tr, m.size(), zoom);
        }
        err().printf(Locale.ROOT, "Filled %d of %d pixels in %.2f s (%d reverse steps); wrote %s%n", fill, p, seconds,
                m.config().steps(), out.toAbsolutePath().normalize());
        return 0;
    }

    /** Nine frames from t = T to t = 0, evenly spaced, left to right. */
    static void writeStrip(Path file, ImageTrajectory tr, int size, int zoom) throws java.io.IOException {
        int frames = 9;
        float[][] strip = new float[frames][];
        for (int k = 0; k < frames; k++) {
            int t = (int) Math.round(tr.steps() * (1 - k / (double) (frames - 1)));
            strip[k] = tr.image(t, 0);
        }
        ImageCommands.writeGrid(file, strip, size, frames, zoom);
    }
}
