package org.diffusionlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.diffusionlab.engine.image.ImageDiffusionModel;
import org.diffusionlab.engine.image.ImageSampler;
import org.diffusionlab.engine.image.ImageTrajectory;
import org.diffusionlab.engine.image.SavedImageModel;
import org.diffusionlab.engine.posterior.PixelObservation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code denoise}: samples an image from the model multiplied by a Gaussian observation of every pixel. */
@Command(name = "denoise",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        versionProvider = DiffusionLabCli.VersionProvider.class,
        headerHeading = "%n",
        header = "Denoise an image with an image model (the exact Gaussian product at every step).",
        description = {"Treats IMAGE as an observation of every pixel with Gaussian noise of standard deviation "
                + "--sigma (in grey levels, 0 = black, 1 = white) and runs the reverse process with every step "
                + "multiplied by that observation, r(x) = N(x; image, sigma^2) (the product of two Gaussians is exact). "
                + "--sigma 0 returns the image itself; larger values trust the model more.",
                "--add-noise first adds that much noise to IMAGE (seeded), to try the model on a clean picture."},
        footerHeading = "%nExamples:%n",
        footer = {"  diffusionlab denoise assets/models/digits.dlab noisy.png --sigma 0.3 --out clean.png",
                "  diffusionlab denoise leaves.dlab clean.png --sigma 0.2 --add-noise --noisy-out noisy.png --out clean.png",
                "",
                "Exit codes: 0 success; 1 a file cannot be written; 2 bad arguments, or a model or image that is "
                        + "missing, unreadable or of the wrong kind."})
final class DenoiseCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "Image model file (.dlab).")
    Path model;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "The noisy image (PNG, JPEG, GIF or BMP).")
    Path image;

    @Option(names = "--sigma", paramLabel = "S", required = true,
            description = "Standard deviation of the image's noise in grey levels, 0 to 10.")
    double sigma;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "The denoised image (PNG).")
    Path out;

    @Option(names = "--add-noise", description = "Add Gaussian noise of --sigma to IMAGE first.")
    boolean addNoise;

    @Option(names = "--noisy-out", paramLabel = "FILE", description = "With --add-noise: also write the noisy image (PNG).")
    Path noisyOut;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--zoom", paramLabel = "K", defaultValue = "1", description = "Enlarge the PNGs K times, 1 to 16.")
    int zoom;

    @Override
    int execute() throws Exception {
        if (!(sigma >= 0 && sigma <= 10)) {
            throw CliException.usage("--sigma must be between 0 and 10 grey levels, got " + sigma);
        }
        if (zoom < 1 || zoom > 16) {
            throw CliException.usage("--zoom must be between 1 and 16, got " + zoom);
        }
        if (noisyOut != null && !addNoise) {
            throw CliException.usage("--noisy-out needs --add-noise");
        }
        OutputFiles.checkWritable(out, "--out");
        if (noisyOut != null) {
            OutputFiles.checkWritable(noisyOut, "--noisy-out");
        }
        SavedImageModel saved = ImageCommands.loadImageModel(model);
        ImageDiffusionModel m = saved.model();
        float[] grey = ImageCommands.readImage(image, m.size(), err());
        if (addNoise) {
            Random rng = new Random(seed ^ 0x4015EL);
            for (int i = 0; i < grey.length; i++) {
                grey[i] += (float) (sigma * rng.nextGaussian());
            }
            if (noisyOut != null) {
                ImageCommands.writeImage(noisyOut, grey, m.size(), zoom);
            }
        }
        float[] y = new float[grey.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) ((grey[i] - m.dataMean()) / m.dataStd());
        }
        long start = System.nanoTime();
        ImageTrajectory tr = ImageSampler.run(m, ImageSampler.Request.conditioned(
                PixelObservation.gaussian(y, sigma / m.dataStd()), seed), null, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        ImageCommands.writeImage(out, tr.image(0, 0), m.size(), zoom);
        err().printf(Locale.ROOT, "Denoised in %.2f s (%d reverse steps); wrote %s%n", seconds, m.config().steps(),
                out.toAbsolutePath().normalize());
        return 0;
    }
}
