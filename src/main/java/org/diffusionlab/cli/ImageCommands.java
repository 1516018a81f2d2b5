package org.diffusionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.diffusionlab.Version;
import org.diffusionlab.data.ImageDataset;
import org.diffusionlab.data.ImageDatasets;
import org.diffusionlab.data.ImageFiles;
import org.diffusionlab.engine.image.ConvArchitecture;
import org.diffusionlab.engine.image.ImageBound;
import org.diffusionlab.engine.image.ImageDiffusionModel;
import org.diffusionlab.engine.image.ImageModelFile;
import org.diffusionlab.engine.image.ImageSampler;
import org.diffusionlab.engine.image.ImageTrainer;
import org.diffusionlab.engine.image.ImageTrainingConfig;
import org.diffusionlab.engine.image.SavedImageModel;
import org.diffusionlab.engine.io.ModelFileException;
import org.diffusionlab.engine.train.Budget;

/**
 * The image-model side of {@code train}, {@code evaluate} and {@code sample}: the existing commands hand over to these
 * when the data set is an image data set or the model file an image model.
 */
final class ImageCommands {

    /** How often a progress line is printed, seconds of training. */
    static final double REPORT_SECONDS = 10;

    /** The weights' average decays by this factor per iteration unless --ema-decay says otherwise. */
    static final double DEFAULT_EMA_DECAY = 0.999;

    private ImageCommands() {
    }

    // ---------------------------------------------------------------- train

    /** {@code train --dataset deadleaves|digits|texture[:NAME]|folder:PATH}. */
    static int train(TrainCommand c) throws Exception {
        if (!"default".equalsIgnoreCase(c.preset)) {
            throw CliException.usage("--preset is for the swiss roll; image models take their settings from the options");
        }
        if (c.noise != null) {
            throw CliException.usage("--noise is for the swiss roll, not for image data");
        }
        if (c.annealTo != null) {
            throw CliException.usage("--anneal-to is for the swiss roll and user data, not for image data");
        }
        Budget budget = c.budget();
        SavedImageModel startModel = startingModel(c);
        ImageTrainingConfig config = imageConfig(c, startModel == null ? null : startModel.model().config());
        checkAverageOptions(c);
        if (c.dryRun) {
            printSettings(c.out(), config, budget);
            return 0;
        }
        if (c.out == null) {
            throw CliException.usage("Missing required option: '--out=FILE' (the model file to write)");
        }
        Path target = OutputFiles.checkWritable(c.out, "--out");
        Path averageTarget = averageTarget(c, target);
        ImageDataset data;
        try {
            data = ImageDatasets.open(config.dataset(), config.size());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--dataset: " + e.getMessage());
        } catch (IOException e) {
            throw CliException.usage("--dataset " + config.dataset() + ": " + CliCommand.describeIo(e));   // bad input
        }
        PrintWriter err = c.err();
        err.printf(Locale.ROOT, "Training %s (%d x %d): T = %d, %s schedule, beta_1 = %s, network %s, lr %s, batch %d, "
                        + "%s t, %s weighting, seed %d; budget %s. Ctrl-C stops early and saves.%n", config.dataset(), config.size(),
                config.size(), config.steps(), config.schedule(), config.beta1(), config.architecture(), config.learningRate(),
                config.batchSize(), config.tSampling(), config.weighting(), config.seed(), TrainCommand.describe(budget));
        err.flush();
        if (startModel != null) {
            err.printf(Locale.ROOT, "Starting from %s (%,d iterations, %.1f s of training).%n", c.init,
                    startModel.iterations(), startModel.trainingSeconds());
        }
        ImageTrainer trainer;
        try {
            trainer = new ImageTrainer(config, data, startModel);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--init " + c.init + ": " + e.getMessage());
        }
        if (averageTarget != null) {
            trainer.averageWeights(c.emaDecay != null ? c.emaDecay : DEFAULT_EMA_DECAY);
        }
        // Probe the save now, so a folder that refuses the file fails before the run rather than after it.
        saveModel(trainer, target);
        AtomicBoolean cancelled = new AtomicBoolean();
        long startIterations = trainer.iteration();
        double startSeconds = trainer.trainingSeconds();
        long start = System.nanoTime();
        try (StopOnCtrlC ctrlC = new StopOnCtrlC(() -> cancelled.set(true), 120)) {
            double evalSeconds = budget.seconds() > 0 ? Math.max(60, budget.seconds() / 6) : 300;
            trainer.run(budget, cancelled::get, REPORT_SECONDS, evalSeconds, p -> {
                // The holdout is measured every evalSeconds; until the first measurement there is nothing to show.
                String holdout = Double.isNaN(p.holdoutKBits()) ? "      -" : String.format(Locale.ROOT, "%7.4f", p.holdoutKBits());
                err.printf(Locale.ROOT, "iter %,8d  %6.1f it/s  elapsed %s%s  batch K %7.4f  holdout K %s bits/pixel%n",
                        p.iteration(), p.iterationsPerSecond(), TrainCommand.PrintErr.clock((System.nanoTime() - start) / 1e9),
                        Double.isNaN(p.fractionDone()) ? "" : String.format(Locale.ROOT, " (%3.0f%%)", 100 * p.fractionDone()),
                        p.batchKBits(), holdout);
                err.flush();
            });
            double wall = (System.nanoTime() - start) / 1e9;
            double k = trainer.history().get(trainer.history().size() - 1).holdoutKBits();
            TrainCommand.refuseNonFinite(k, target, trainer.divergedMessage());
            saveModel(trainer, target);
            ImageDiffusionModel m = trainer.model();
            PrintWriter out = c.out();
            if (cancelled.get()) {
                out.println("Stopped early (interrupted).");
            }
            long runIterations = trainer.iteration() - startIterations;
            double runSeconds = trainer.trainingSeconds() - startSeconds;
            out.printf(Locale.ROOT, "Trained %,d iterations in %.1f s of training (%.1f s wall, %.2f it/s).%n",
                    runIterations, runSeconds, wall, runIterations / Math.max(1e-9, runSeconds));
            if (startModel != null) {
                out.printf(Locale.ROOT, "With the %,d iterations of %s: %,d in %.1f s of training.%n",
                        startIterations, c.init, trainer.iteration(), trainer.trainingSeconds());
            }
            out.printf(Locale.ROOT, "Holdout K = %.4f bits per pixel (K - L_null = %.4f; %d held-out images; cap %.2f "
                    + "set by beta_1).%n", k, k - ImageDiffusionModel.nullBitsPerPixel(), config.holdoutSize(), m.bitsPerPixelCap());
            out.println("Saved " + target);
            if (averageTarget != null) {
                ImageBound.Result avg = trainer.evaluateAveragedHoldout();
                TrainCommand.refuseNonFinite(avg.kBits(), averageTarget, null);
                saveModel(trainer.averagedModel(), trainer, averageTarget);
                out.printf(Locale.ROOT, "Averaged weights (decay %s): holdout K = %.4f bits per pixel (K - L_null = %.4f; "
                        + "the same %d images). Saved %s%n", c.emaDecay != null ? c.emaDecay : DEFAULT_EMA_DECAY, avg.kBits(),
                        avg.kBits() - ImageDiffusionModel.nullBitsPerPixel(), config.holdoutSize(), averageTarget);
            }
            if (trainer.divergedMessage() != null) {
                throw new CliException(DiffusionLabCli.EXIT_FAILURE, trainer.divergedMessage()
                        + " That model was saved to " + target + ".");
            }
            return 0;
        }
    }

    private static void saveModel(ImageTrainer trainer, Path target) throws IOException {
        saveModel(trainer.model(), trainer, target);
    }

    private static void saveModel(ImageDiffusionModel model, ImageTrainer trainer, Path target) throws IOException {
        ImageModelFile.save(target, new SavedImageModel(model, trainer.history(), trainer.iteration(),
                trainer.trainingSeconds(), Version.get(), Instant.now()));
    }

    private static void checkAverageOptions(TrainCommand c) {
        if (c.emaOut == null && c.emaDecay != null) {
            throw CliException.usage("--ema-decay needs --ema-out FILE (where the averaged weights go)");
        }
        if (c.emaDecay != null && !(c.emaDecay >= 0 && c.emaDecay <= 0.99999)) {
            throw CliException.usage("--ema-decay must be between 0 and 0.99999, got " + c.emaDecay);
        }
    }

    /** The --ema-out file, checked (null when no average is asked for). */
    private static Path averageTarget(TrainCommand c, Path target) {
        if (c.emaOut == null) {
            return null;
        }
        Path p = OutputFiles.checkWritable(c.emaOut, "--ema-out");
        if (p.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            throw CliException.usage("--ema-out must differ from --out (both files are written)");
        }
        return p;
    }

    /** The --init model, loaded and checked against the data set (null without --init). */
    private static SavedImageModel startingModel(TrainCommand c) throws ModelFileException {
        if (c.init == null) {
            return null;
        }
        SavedImageModel start = loadImageModel(c.init);
        if (!start.model().config().dataset().equals(c.dataset)) {
            throw CliException.usage("--init " + c.init + " was trained on " + start.model().config().dataset()
                    + ", not on " + c.dataset);
        }
        return start;
    }

    /**
     * The image settings from the train options (defaults: ImageTrainingConfig.defaults); the network, image size
     * and diffusion come from {@code start} when it is given (fine-tuning), and an option that contradicts them is
     * refused.
     */
    static ImageTrainingConfig imageConfig(TrainCommand c, ImageTrainingConfig start) {
        ImageTrainingConfig d = ImageTrainingConfig.defaults(c.dataset);
        if (start != null) {
            refuseChangesToStart(c, start);
            d = d.withDataset(start.dataset(), start.size()).withDiffusion(start.steps(), start.schedule(), start.beta1())
                    .withArchitecture(start.architecture());
        }
        int size = c.size != null ? c.size : d.size();
        int steps = c.steps != null ? c.steps : d.steps();
        String schedule = c.schedule != null ? c.schedule : d.schedule();
        double beta1 = c.beta1 != null ? c.beta1 : d.beta1();
        double lr = c.learningRate != null ? c.learningRate : d.learningRate();
        int batch = c.batchSize != null ? c.batchSize : d.batchSize();
        long seed = c.seed != null ? c.seed : d.seed();
        List<String> problems = ImageTrainingConfig.problems(size, steps, schedule, beta1, lr, batch, d.holdoutSize());
        if (!problems.isEmpty()) {
            throw CliException.usage("invalid training settings: " + String.join("; ", problems));
        }
        try {
            ConvArchitecture arch = c.architecture != null ? ConvArchitecture.parse(c.architecture) : d.architecture();
            String tSampling = c.tSampling != null ? c.tSampling : d.tSampling();
            String weighting = c.weighting != null ? c.weighting : d.weighting();
            return new ImageTrainingConfig(c.dataset, size, steps, schedule, beta1, arch, lr, batch, seed, d.holdoutSize(),
                    tSampling, weighting);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("invalid training settings: " + e.getMessage());
        }
    }

    /** Exit 2 when an option names another network, size or diffusion than the --init model has. */
    private static void refuseChangesToStart(TrainCommand c, ImageTrainingConfig start) {
        List<String> clash = new ArrayList<>();
        if (c.size != null && c.size != start.size()) {
            clash.add("--size " + c.size + " (the model is " + start.size() + " pixels square)");
        }
        if (c.steps != null && c.steps != start.steps()) {
            clash.add("--T " + c.steps + " (the model has T = " + start.steps() + ")");
        }
        if (c.schedule != null && !c.schedule.equalsIgnoreCase(start.schedule())) {
            clash.add("--schedule " + c.schedule + " (the model's is " + start.schedule() + ")");
        }
        if (c.beta1 != null && c.beta1 != start.beta1()) {
            clash.add("--beta1 " + c.beta1 + " (the model's is " + start.beta1() + ")");
        }
        if (c.architecture != null && !sameOrWithStepBiases(c.architecture, start.architecture())) {
            clash.add("--arch " + c.architecture + " (the model's is " + start.architecture() + "; only /tb may be added)");
        }
        if (!clash.isEmpty()) {
            throw CliException.usage("--init keeps the model's network and diffusion; drop " + String.join(", ", clash));
        }
    }

    /** Whether the --arch text names the start's network, or the same with step-dependent biases added. */
    private static boolean sameOrWithStepBiases(String text, ConvArchitecture start) {
        try {
            return ImageTrainer.canStartFrom(ConvArchitecture.parse(text), start);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void printSettings(PrintWriter o, ImageTrainingConfig c, Budget b) {
        o.println("dataset       " + c.dataset());
        o.println("image size    " + c.size() + " x " + c.size());
        o.println("T             " + c.steps());
        o.println("schedule      " + c.schedule() + " (fixed)");
        o.println("beta_1        " + c.beta1());
        o.println("architecture  " + c.architecture());
        o.println("optimizer     adam, lr " + c.learningRate() + " (cosine-annealed to a tenth over a limited budget)");
        o.println("batch         " + c.batchSize() + " images per iteration, one sampled t each (" + c.tSampling() + ")");
        o.println("weighting     " + c.weighting() + (c.weighting().equals("bound") ? " (ascends K itself)" : " (each t's noise error counted equally)"));
        o.println("seed          " + c.seed());
        o.println("holdout       " + c.holdoutSize() + " images");
        o.println("budget        " + TrainCommand.describe(b));
    }

    // ---------------------------------------------------------------- evaluate

    /** The paper's Table 1 figures for comparison (K, K - L_null), bits per pixel. */
    static String paperFigures(String dataset) {
        if (dataset.equals("deadleaves")) {
            return "paper (Table 1): K = 1.489, K - L_null = 3.536 bits/pixel (much larger model, GPU training)";
        }
        if (dataset.startsWith("texture")) {
            return "paper (Table 1, bark texture): K = -0.55, K - L_null = 1.5 bits/pixel";
        }
        return null;
    }

    /** {@code evaluate} of an image model. */
    static int evaluate(EvaluateCommand c, int images) throws Exception {
        if (images < 2 || images > 10_000) {
            throw CliException.usage("--images must be between 2 and 10000, got " + images);
        }
        SavedImageModel saved = ImageModelFile.load(c.file);
        ImageDiffusionModel m = saved.model();
        ImageDataset data;
        try {
            data = ImageDatasets.open(m.config().dataset(), m.size());
        } catch (IOException | RuntimeException e) {
            throw CliException.failure("Cannot open the model's data set " + m.config().dataset() + ": " + e.getMessage(), e);
        }
        int n = Math.min(images, data.holdoutCount());
        long start = System.nanoTime();
        ImageBound.Result r = ImageBound.evaluate(m.kernel(), ImageTrainer.heldOut(m, data, n), c.seed, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        // For 8-bit data: log2 P(level) >= K - log2(std) - 8 per pixel (the density in [0, 1) grey units is the
        // model's divided by std; one grey level's bin is 1/256 wide).
        double discreteBits = m.eightBit() ? -(r.kBits() - Math.log(m.dataStd()) / Math.log(2) - 8) : Double.NaN;
        if (c.json) {
            c.out().println(new Json()
                    .put("file", c.file.toAbsolutePath().normalize().toString())
                    .put("kind", "image")
                    .put("dataset", m.config().dataset())
                    .put("images", r.images())
                    .put("seed", c.seed)
                    .put("k_bits_per_pixel", r.kBits())
                    .put("k_se_bits_per_pixel", r.standardError())
                    .put("k_minus_lnull_bits_per_pixel", r.kMinusNullBits())
                    .put("lnull_bits_per_pixel", ImageDiffusionModel.nullBitsPerPixel())
                    .put("cap_bits_per_pixel", m.bitsPerPixelCap())
                    .put("entropy_terms_bits_per_pixel", r.entropyBits())
                    .put("nll_bits_per_dim_8bit", discreteBits)
                    .put("per_step_kl_bits_per_pixel", r.perStepKlBits())
                    .put("steps", m.config().steps())
                    .put("architecture", m.config().architecture().toString())
                    .put("parameters", m.network().parameterCount())
                    .put("iterations", saved.iterations())
                    .put("training_seconds", saved.trainingSeconds())
                    .put("seconds", seconds)
                    .toString());
            return 0;
        }
        PrintWriter o = c.out();
        o.println("Model  " + c.file);
        o.println("       " + ImageModelFile.describe(saved));
        o.printf(Locale.ROOT, "Data   %,d held-out images of %s (never trained on), evaluated in %.1f s (exact sum over "
                + "t = 2..%d)%n%n", r.images(), m.config().dataset(), seconds, m.config().steps());
        o.println("                              bits per pixel (unit-variance space)");
        o.printf(Locale.ROOT, "Bound K                       %s%n", EvaluateCommand.pm(r.kBits(), r.standardError()));
        o.printf(Locale.ROOT, "K - L_null                    %s%n", EvaluateCommand.num(r.kMinusNullBits()));
        o.printf(Locale.ROOT, "L_null (unit Gaussian)        %s%n", EvaluateCommand.num(ImageDiffusionModel.nullBitsPerPixel()));
        o.printf(Locale.ROOT, "Cap set by beta_1             %s   (-1/2 log2(2 pi beta_1))%n", EvaluateCommand.num(m.bitsPerPixelCap()));
        o.printf(Locale.ROOT, "Entropy terms                 %s%n", EvaluateCommand.num(r.entropyBits()));
        if (m.eightBit()) {
            o.printf(Locale.ROOT, "8-bit NLL bound               %s   bits/dim of the grey levels (-(K - log2 std - 8))%n",
                    EvaluateCommand.num(discreteBits));
        }
        String paper = paperFigures(m.config().dataset());
        if (paper != null) {
            o.println();
            o.println("For comparison, " + paper + ".");
        }
        return 0;
    }

    // ---------------------------------------------------------------- sample

    /** {@code sample MODEL --png grid.png}: a grid of samples. */
    static int sample(SamplingCommand c, Path png, int n, int zoom) throws Exception {
        if (png == null) {
            throw CliException.usage("image models write a PNG grid: give --png FILE");
        }
        if (n < 1 || n > 1024) {
            throw CliException.usage("--n must be between 1 and 1024 images, got " + n);
        }
        if (zoom < 1 || zoom > 16) {
            throw CliException.usage("--zoom must be between 1 and 16, got " + zoom);
        }
        OutputFiles.checkWritable(png, "--png");
        SavedImageModel saved = ImageModelFile.load(c.file);
        ImageDiffusionModel m = saved.model();
        long start = System.nanoTime();
        float[][] samples = ImageSampler.run(m, new ImageSampler.Request(n, null, c.seed, false), null, null).samples();
        double seconds = (System.nanoTime() - start) / 1e9;
        writeGrid(png, samples, m.size(), (int) Math.ceil(Math.sqrt(n)), zoom);
        c.err().printf(Locale.ROOT, "Wrote %d samples (%d reverse steps, %.1f s) to %s%n", n, m.config().steps(), seconds,
                png.toAbsolutePath().normalize());
        return 0;
    }

    static void writeGrid(Path png, float[][] images, int size, int cols, int zoom) {
        try {
            ImageFiles.writeGridPng(png, images, size, cols, zoom);
        } catch (IOException e) {
            throw CliCommand.writeFailed(png, e);      // ImageIO alone says "I/O error writing PNG file!"
        }
    }

    /** One image, no border, enlarged {@code zoom} times. */
    static void writeImage(Path png, float[] image, int size, int zoom) {
        int[] dims = {size, size};
        try {
            ImageFiles.writePng(png, size * zoom, size * zoom, zoom > 1 ? ImageFiles.enlarged(image, dims, zoom) : image);
        } catch (IOException e) {
            throw CliCommand.writeFailed(png, e);
        }
    }

    /** Loads an image model for inpaint/denoise, refusing swiss-roll files with a clear message. */
    static SavedImageModel loadImageModel(Path file) throws ModelFileException {
        if (java.nio.file.Files.isRegularFile(file) && !ImageModelFile.isImageModel(file)) {
            throw new ModelFileException(file, "it is not an image model (inpaint and denoise need one, e.g. "
                    + "assets/models/digits.dlab)");
        }
        return ImageModelFile.load(file);
    }

    /**
     * An image model trained on {@code dataset}, for a bench figure defined on that data ({@code figure} and
     * {@code dataWords} name them in the refusal).
     */
    static ImageDiffusionModel loadModelOf(Path file, String dataset, String dataWords, String figure)
            throws ModelFileException {
        ImageDiffusionModel m = loadImageModel(file).model();
        if (!m.config().dataset().equals(dataset)) {
            throw CliException.usage("the " + figure + " is for " + dataWords + " models; " + file + " was trained on "
                    + m.config().dataset());
        }
        return m;
    }

    /**
     * The steps of a bench's "diffuse real images to t and reverse them" rows, checked against the model's T (empty
     * when the option was not given).
     */
    static int[] reverseFromSteps(int[] fromT, ImageDiffusionModel m, String option) {
        int steps = m.schedule().steps();
        int[] starts = fromT == null ? new int[0] : fromT.clone();
        for (int t : starts) {
            if (t < 1 || t > steps) {
                throw CliException.usage(option + ": steps must be 1 to " + steps + " (the model's T), got " + t);
            }
        }
        return starts;
    }

    /** An image file as the model's size (central square scaled if it differs), grey levels in [0, 1]. */
    static float[] readImage(Path file, int size, PrintWriter err) {
        return fit(readInput(file), file, size, err);
    }

    /** An input image; one that is missing or cannot be read is bad input (exit 2) naming the file. */
    static ImageFiles.Gray readInput(Path file) {
        try {
            return ImageFiles.read(file);
        } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
            throw CliException.usage(CliCommand.describeIo(e));
        } catch (IOException e) {
            throw CliException.usage(String.valueOf(e.getMessage()));     // its message names the file
        }
    }

    /** An image as the model's size: as it is, or its central square scaled (with a note on stderr). */
    static float[] fit(ImageFiles.Gray g, Path file, int size, PrintWriter err) {
        if (g.width() == size && g.height() == size) {
            return g.pixels();
        }
        err.printf(Locale.ROOT, "Note: %s is %d x %d; using its central square scaled to %d x %d.%n", file, g.width(),
                g.height(), size, size);
        return ImageFiles.squareResized(g, size);
    }
}
