package org.diffusionlab.engine.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diffusionlab.engine.io.HistoryEntry;
import org.diffusionlab.engine.io.Manifest;
import org.diffusionlab.engine.io.ManifestWriter;
import org.diffusionlab.engine.io.ModelArchive;
import org.diffusionlab.engine.io.ModelFileException;
import org.diffusionlab.engine.io.ModelKind;
import org.diffusionlab.engine.io.OutputProbe;
import org.diffusionlab.engine.io.ParameterEntries;
import org.diffusionlab.engine.io.ScheduleEntry;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code .dlab} file of an image model (kind {@link ModelKind#IMAGE}): the container is {@link ModelArchive}'s,
 * with its checks, atomic save and messages; this class is the schema. Entries, manifest first:
 * <ul>
 *   <li>{@code manifest.properties}: format, formatVersion, createdBy, savedAt, training.iterations,
 *       training.seconds, config.* (dataset, size, steps, schedule, beta1, architecture, learningRate, batchSize,
 *       seed, holdoutSize, tSampling: uniform when absent, weighting: bound when absent), data.mean, data.std,
 *       data.eightBit, network.parameterCount, network.dataType (float32); written in {@link #manifest} and read in
 *       {@link #decode}, side by side;</li>
 *   <li>{@code schedule.csv} ({@link ScheduleEntry});</li>
 *   <li>{@code layout.csv} and {@code parameters.bin} ({@link ParameterEntries});</li>
 *   <li>{@code history.csv} ({@link HistoryEntry}): header
 *       {@code iteration,seconds,batch_k_bits_per_pixel,holdout_k_bits_per_pixel}.</li>
 * </ul>
 * Files written before the shared archive (their manifest made by {@code Properties.store}, with a date comment) read
 * the same.
 */
public final class ImageModelFile {

    public static final String FORMAT = ModelKind.IMAGE.format();
    public static final int FORMAT_VERSION = 1;
    static final String HISTORY_HEADER = "iteration,seconds,batch_k_bits_per_pixel,holdout_k_bits_per_pixel";

    /** The shipped models' names, loadable with {@link #loadBundled}: deadleaves, digits, texture. */
    public static final List<String> BUNDLED = List.of("deadleaves", "digits", "texture");

    private ImageModelFile() {
    }

    /**
     * Whether the file is a model file of this kind, judged from its manifest alone (false for anything else, and
     * for what is not a regular file, which is not opened).
     */
    public static boolean isImageModel(Path file) {
        return ModelArchive.kindOf(file).orElse(null) == ModelKind.IMAGE;
    }

    /** Saves atomically; an existing file is replaced only once the new one is complete. */
    public static void save(Path file, SavedImageModel saved) throws IOException {
        Map<String, byte[]> entries = entries(saved);   // refuses non-finite weights before touching the disk
        ModelArchive.write(file, manifest(saved), entries, saved.savedAt());
    }

    static Map<String, byte[]> entries(SavedImageModel saved) {
        ImageDiffusionModel m = saved.model();
        FlatParameters params = m.network().parameters();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(ScheduleEntry.NAME, ScheduleEntry.bytes(m.schedule()));
        entries.put(ParameterEntries.LAYOUT, ParameterEntries.layout(params));
        entries.put(ParameterEntries.PARAMETERS, ParameterEntries.weights(params));
        entries.put(HistoryEntry.NAME, HistoryEntry.bytes(HISTORY_HEADER, saved.history().stream()
                .map(h -> new HistoryEntry.Row(h.iteration(), h.seconds(), h.batchKBits(), h.holdoutKBits())).toList()));
        return entries;
    }

    static ManifestWriter manifest(SavedImageModel saved) {
        ImageDiffusionModel m = saved.model();
        ImageTrainingConfig c = m.config();
        ManifestWriter w = new ManifestWriter(ModelKind.IMAGE, FORMAT_VERSION, "DiffusionLab image model")
                .put("createdBy", saved.createdBy())
                .put("savedAt", saved.savedAt().toString())
                .put("training.iterations", saved.iterations())
                .put("training.seconds", saved.trainingSeconds())
                .put("config.dataset", c.dataset())
                .put("config.size", c.size())
                .put("config.steps", c.steps())
                .put("config.schedule", c.schedule())
                .put("config.beta1", c.beta1())
                .put("config.architecture", c.architecture().toString())
                .put("config.learningRate", c.learningRate())
                .put("config.batchSize", c.batchSize())
                .put("config.seed", c.seed())
                .put("config.holdoutSize", c.holdoutSize())
                .put("config.tSampling", c.tSampling())
                .put("config.weighting", c.weighting())
                .put("data.mean", m.dataMean())
                .put("data.std", m.dataStd())
                .put("data.eightBit", m.eightBit());
        ParameterEntries.describe(w, m.network().parameters());
        return w;
    }

    /** Loads an image model; every problem is a ModelFileException naming the file and the cause. */
    public static SavedImageModel load(Path file) throws ModelFileException {
        return decodeChecked(ModelArchive.read(file, ModelKind.IMAGE, FORMAT_VERSION));
    }

    /** Loads a shipped model from the class path ({@code /assets/models/NAME.dlab}). */
    public static SavedImageModel loadBundled(String name) throws ModelFileException {
        String resource = "/assets/models/" + name + ".dlab";
        Path label = Path.of("assets", "models", name + ".dlab");
        try (InputStream in = ImageModelFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelFileException(label, "no such shipped model on the class path (shipped: " + BUNDLED + ")");
            }
            return decodeChecked(ModelArchive.read(in, label, ModelKind.IMAGE, FORMAT_VERSION));
        } catch (IOException e) {
            throw new ModelFileException(label, "it cannot be read: " + e.getMessage(), e);
        }
    }

    private static SavedImageModel decodeChecked(ModelArchive.Contents file) throws ModelFileException {
        try {
            return decode(file);
        } catch (IllegalArgumentException e) {
            throw file.fail("its settings are invalid: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw file.fail("it is corrupt (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private static SavedImageModel decode(ModelArchive.Contents file) throws ModelFileException {
        Manifest p = file.manifest();
        ConvArchitecture architecture;
        try {
            architecture = ConvArchitecture.parse(p.word("config.architecture"));
        } catch (IllegalArgumentException e) {
            throw file.fail("its manifest value config.architecture is invalid: " + e.getMessage(), e);
        }
        ImageTrainingConfig config = new ImageTrainingConfig(p.word("config.dataset"), p.integer("config.size"),
                p.integer("config.steps"), p.word("config.schedule"), p.real("config.beta1"), architecture,
                p.real("config.learningRate"), p.integer("config.batchSize"), p.whole("config.seed"),
                p.integer("config.holdoutSize"),
                p.optional("config.tSampling").map(String::trim).orElse(StepSampler.UNIFORM),  // files before importance sampling
                p.optional("config.weighting").map(String::trim).orElse(StepWeighting.BOUND)); // files before the noise weighting
        double mean = p.real("data.mean");
        double std = p.real("data.std");
        boolean eightBit = p.bool("data.eightBit");
        long iterations = p.count("training.iterations");
        double seconds = p.nonNegative("training.seconds");
        String createdBy = p.word("createdBy");
        java.time.Instant savedAt = p.instant("savedAt");

        BetaSchedule schedule = ScheduleEntry.read(file, config.steps(), config.schedule());
        FlatParameters params = ImageNetwork.layout(config.architecture(), config.size()).build(DataType.FLOAT);
        ParameterEntries.readInto(file, params, "architecture " + config.architecture() + " for " + config.size()
                + " x " + config.size() + " images");
        ImageNetwork net = new ImageNetwork(config.architecture(), config.size(), config.steps(), params);
        probe(file, net);
        ImageDiffusionModel model = new ImageDiffusionModel(config, schedule, net, mean, std, eightBit);
        List<ImageTrainer.HistoryPoint> history = HistoryEntry.read(file, HISTORY_HEADER).stream()
                .map(r -> new ImageTrainer.HistoryPoint(r.iteration(), r.seconds(), r.batchK(), r.holdoutK())).toList();
        return new SavedImageModel(model, history, iterations, seconds, createdBy, savedAt);
    }

    /** The network's outputs for a few fixed images at steps spread over 1..T must be finite. */
    private static void probe(ModelArchive.Contents file, ImageNetwork net) throws ModelFileException {
        int images = 8;
        int[] t = new int[images];
        for (int i = 0; i < images; i++) {
            t[i] = 1 + (int) Math.round((net.steps() - 1) * i / (double) (images - 1));
        }
        float[] x = OutputProbe.inputs(images, net.size() * net.size());
        OutputProbe.check(file, "a probe of " + images + " images at steps 1.." + net.steps(),
                net.forward(Nd4j.createFromArray(x).reshape(images, net.size(), net.size()), t).output());
    }

    /** A one-line description of a loaded model. */
    public static String describe(SavedImageModel m) {
        ImageTrainingConfig c = m.model().config();
        return String.format(Locale.ROOT, "%s, %d x %d, T = %d (%s, beta_1 = %s), network %s (%,d parameters), "
                        + "%,d iterations (%.0f s), written by DiffusionLab %s",
                c.dataset(), c.size(), c.size(), c.steps(), c.schedule(), c.beta1(), c.architecture(),
                m.model().network().parameterCount(), m.iterations(), m.trainingSeconds(), m.createdBy());
    }
}
