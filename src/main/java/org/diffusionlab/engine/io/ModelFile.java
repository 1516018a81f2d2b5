package org.diffusionlab.engine.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.diffusionlab.engine.files.AtomicFile;
import org.diffusionlab.data.Datasets;
import org.diffusionlab.data.UserData;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.model.MlpArchitecture;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.train.HistoryPoint;
import org.diffusionlab.engine.train.OptimizerKind;
import org.diffusionlab.engine.train.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model file of a model of 2-D points ({@code .dlab}, kind {@link ModelKind#POINTS}): the container is
 * {@link ModelArchive}'s; this class is the schema.
 *
 * <h2>Format, version 1 (version 2: a full-covariance kernel)</h2>
 * Entries, manifest first:
 * <ol>
 *   <li>{@code manifest.properties} ({@link ManifestWriter}): {@code format=diffusionlab-model},
 *       {@code formatVersion=1} (2 for {@code config.covariance=full}, whose readout has 2d + 1 outputs per step),
 *       {@code createdBy} (the writing app's version or {@code unknown}), {@code savedAt}
 *       (ISO-8601 instant), {@code training.iterations}, {@code training.seconds}, every {@link TrainingConfig} field
 *       as {@code config.<field>} (dataset, noiseStd, steps, schedule, beta1, architecture, optimizer, learningRate,
 *       batchSize, seed, learnBeta, holdoutSize, covariance: {@code diagonal} or {@code full}, absent in older files
 *       and read as diagonal), {@code schedule.name}, {@code network.architecture} (the preset
 *       name), {@code network.dims}, {@code network.parameterCount} and {@code network.dataType=float32}.</li>
 *   <li>{@code schedule.csv} ({@link ScheduleEntry}).</li>
 *   <li>{@code layout.csv} and {@code parameters.bin} ({@link ParameterEntries}).</li>
 *   <li>{@code history.csv} ({@link HistoryEntry}): header {@code iteration,seconds,batch_k_bits,holdout_k_bits}.</li>
 *   <li>{@code data.csv} (only when the config's data set is user data, {@code user-<12 hex digits>}): header
 *       {@code x,y}, the user's points in raw units and drawing order, full precision; their fingerprint must be
 *       the id the config names. Loading carries them in {@link SavedModel#userData()}; the caller registers them.</li>
 * </ol>
 * The manifest's keys are written in {@link #manifest} and read in {@link #readHeader}, side by side: a new field
 * goes into both.
 *
 * <h2>Versioning</h2>
 * Readers ignore manifest keys and ZIP entries they do not know, so adding information that older readers can safely
 * ignore keeps {@code formatVersion}. Any change that an older reader would misread (renaming, removing or
 * re-interpreting a key, an entry or an encoding) increments {@code formatVersion}; a reader refuses a file whose
 * version is newer than its own, saying so, and keeps reading every older version it knows.
 */
public final class ModelFile {

    /** The extension model files carry. */
    public static final String EXTENSION = ".dlab";
    /** The manifest's {@code format} value. */
    public static final String FORMAT = ModelKind.POINTS.format();
    /** The format version this class writes for the paper's diagonal kernel. */
    public static final int FORMAT_VERSION = 1;
    /**
     * The version of a full-covariance model ({@code config.covariance=full}, a readout one output wider): an older
     * reader would take the missing key for a diagonal kernel, so it must refuse the file. Also the newest read.
     */
    public static final int FULL_COVARIANCE_VERSION = 2;

    static final String MANIFEST = ModelArchive.MANIFEST;
    static final String SCHEDULE = ScheduleEntry.NAME;
    static final String LAYOUT = ParameterEntries.LAYOUT;
    static final String PARAMETERS = ParameterEntries.PARAMETERS;
    static final String HISTORY = HistoryEntry.NAME;
    /** Optional: the points of a user data set (header x,y, raw units), present when the config names one. */
    static final String USER_DATA = "data.csv";
    static final String HISTORY_HEADER = "iteration,seconds,batch_k_bits,holdout_k_bits";

    private ModelFile() {
    }

    // ------------------------------------------------------------------------------------------------------------
    // Saving

    /**
     * Writes a model file atomically ({@link AtomicFile}): either the complete new file replaces {@code file}, or (on
     * any failure) {@code file} is left as it was and no temporary file remains.
     *
     * @throws IOException              if the file cannot be written; the message names the file and the reason
     * @throws IllegalArgumentException if the model cannot be represented in the format (its network is not the
     *                                  architecture preset its config names, or has non-finite parameters)
     */
    public static void save(Path file, SavedModel model) throws IOException {
        save(file, model, temp -> { });
    }

    static void save(Path file, SavedModel model, AtomicFile.BeforeMove hook) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
        Map<String, byte[]> entries = entries(model);   // refuses an unrepresentable model before touching the disk
        ModelArchive.write(file, manifest(model), entries, model.savedAt(), hook);
    }

    /** The entries after the manifest, in the order they are written. */
    static Map<String, byte[]> entries(SavedModel m) {
        DiffusionModel model = m.model();
        TrainingConfig c = model.config();
        DiffusionMlp net = model.network();
        MlpArchitecture preset = c.mlpArchitecture();
        if (!net.architecture().equals(preset)) {
            throw new IllegalArgumentException("Cannot save a model whose network (" + net.architecture()
                    + ") is not the architecture preset its config names (" + preset + ")");
        }
        int dims = Datasets.dims(c.dataset());
        if (net.dims() != dims) {
            throw new IllegalArgumentException("Cannot save a model whose network takes " + net.dims()
                    + " dimensions while data set " + c.dataset() + " has " + dims);
        }
        FlatParameters params = net.parameters();
        String expectedLayout = ParameterEntries.layoutCsv(
                DiffusionMlp.layout(preset, dims, c.steps(), c.covariance()).build(DataType.FLOAT).slots());
        if (!ParameterEntries.layoutCsv(params.slots()).equals(expectedLayout)) {
            throw new IllegalArgumentException("Cannot save a model whose parameter layout is not the one architecture '"
                    + preset.name() + "' implies");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(SCHEDULE, ScheduleEntry.bytes(model.schedule()));
        entries.put(LAYOUT, ParameterEntries.layout(params));
        entries.put(PARAMETERS, ParameterEntries.weights(params));
        entries.put(HISTORY, HistoryEntry.bytes(HISTORY_HEADER, m.history().stream()
                .map(p -> new HistoryEntry.Row(p.iteration(), p.seconds(), p.batchKBits(), p.holdoutKBits())).toList()));
        if (UserData.isId(c.dataset())) {
            // user data travel with the model, so the file opens on any machine
            UserData data = m.userData().or(() -> Datasets.user(c.dataset())).orElseThrow(() ->
                    new IllegalArgumentException("Cannot save: the user data set " + c.dataset() + " is not loaded"));
            entries.put(USER_DATA, data.csvBytes());
        }
        return entries;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The manifest: written here, read in readHeader below

    static ManifestWriter manifest(SavedModel m) {
        DiffusionModel model = m.model();
        TrainingConfig c = model.config();
        int version = c.covariance() == KernelForm.FULL ? FULL_COVARIANCE_VERSION : FORMAT_VERSION;
        return new ManifestWriter(ModelKind.POINTS, version, "DiffusionLab model file (format " + FORMAT
                + " version " + version + "): see docs/file-formats.md")
                .put("createdBy", m.createdBy())
                .put("savedAt", m.savedAt().toString())
                .put("training.iterations", m.iterations())
                .put("training.seconds", m.trainingSeconds())
                .put("config.dataset", c.dataset())
                .put("config.noiseStd", c.noiseStd())
                .put("config.steps", c.steps())
                .put("config.schedule", c.schedule())
                .put("config.beta1", c.beta1())
                .put("config.architecture", c.architecture())
                .put("config.optimizer", c.optimizer().name())
                .put("config.learningRate", c.learningRate())
                .put("config.batchSize", c.batchSize())
                .put("config.seed", c.seed())
                .put("config.learnBeta", c.learnBeta())
                .put("config.holdoutSize", c.holdoutSize())
                .put("config.covariance", c.covariance().id())
                .put("schedule.name", model.schedule().name())
                .put("network.architecture", c.mlpArchitecture().name())
                .put("network.dims", model.network().dims())
                .put("network.parameterCount", model.network().parameters().size())
                .put("network.dataType", ParameterEntries.DATA_TYPE);
    }

    /** Everything the manifest says, checked. */
    private record Header(TrainingConfig config, MlpArchitecture architecture, int dims, String scheduleName) {
    }

    private static Header readHeader(Manifest m) throws ModelFileException {
        String optimizerName = m.string("config.optimizer");
        OptimizerKind optimizer;
        try {
            optimizer = OptimizerKind.valueOf(optimizerName);
        } catch (IllegalArgumentException e) {
            throw m.fail("its config is invalid: optimizer must be one of " + Arrays.toString(OptimizerKind.values())
                    + ", got " + optimizerName);
        }
        TrainingConfig config;
        try {
            config = new TrainingConfig(m.string("config.dataset"), m.real("config.noiseStd"),
                    m.integer("config.steps"), m.string("config.schedule"), m.real("config.beta1"),
                    m.string("config.architecture"), optimizer, m.real("config.learningRate"),
                    m.integer("config.batchSize"), m.whole("config.seed"), m.bool("config.learnBeta"),
                    m.integer("config.holdoutSize"),
                    // files before version 2 have no key: the paper's diagonal kernel
                    KernelForm.parse(m.optional("config.covariance").orElse(KernelForm.DIAGONAL.id())));
        } catch (IllegalArgumentException e) {
            throw m.fail("its config is invalid: " + e.getMessage());
        }
        MlpArchitecture arch = config.mlpArchitecture();
        String netArch = m.string("network.architecture");
        if (!netArch.equals(arch.name())) {
            throw m.fail("its manifest says the network is architecture '" + netArch + "' but its config names '"
                    + config.architecture() + "' (the file is corrupt)");
        }
        int dims = Datasets.dims(config.dataset());
        int fileDims = m.integer("network.dims");
        if (fileDims != dims) {
            throw m.fail("its network takes " + fileDims + " dimensions, but data set " + config.dataset() + " has "
                    + dims + " (the file is corrupt or from an incompatible version)");
        }
        return new Header(config, arch, dims, m.optional("schedule.name").orElse(config.schedule()));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Loading

    /**
     * Reads a model file. Every problem, whatever the bytes, is a {@link ModelFileException} whose message names the
     * file and says what is wrong. User data the model was trained on come back in {@link SavedModel#userData()};
     * nothing is registered (see {@link SavedModel#registerUserData()}).
     */
    public static SavedModel load(Path file) throws ModelFileException {
        ModelArchive.Contents contents = ModelArchive.read(file, ModelKind.POINTS, FULL_COVARIANCE_VERSION);
        try {
            return decode(contents);
        } catch (RuntimeException e) {
            throw contents.fail("it is corrupt (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private static SavedModel decode(ModelArchive.Contents file) throws ModelFileException {
        Manifest m = file.manifest();
        Header h = readHeader(m);
        long iterations = m.count("training.iterations");
        double seconds = m.nonNegative("training.seconds");
        java.time.Instant savedAt = m.instant("savedAt");
        String createdBy = m.optional("createdBy").orElse(SavedModel.UNKNOWN_VERSION);

        Optional<UserData> userData = readUserData(file, h.config().dataset());
        FlatParameters params = DiffusionMlp.layout(h.architecture(), h.dims(), h.config().steps(), h.config().covariance())
                .build(DataType.FLOAT);
        ParameterEntries.readInto(file, params, "architecture '" + h.architecture().name() + "' with T = "
                + h.config().steps() + " and " + h.dims() + " dimensions");
        BetaSchedule schedule = ScheduleEntry.read(file, h.config().steps(), h.scheduleName());
        List<HistoryPoint> history = HistoryEntry.read(file, HISTORY_HEADER).stream()
                .map(r -> new HistoryPoint(r.iteration(), r.seconds(), r.batchK(), r.holdoutK())).toList();
        DiffusionMlp net = new DiffusionMlp(h.architecture(), h.dims(), h.config().steps(), params);
        probe(file, net);
        DiffusionModel model = new DiffusionModel(h.config(), schedule, net);
        return new SavedModel(model, history, iterations, seconds, createdBy, savedAt, userData);
    }

    /** The network's outputs at every step for a few fixed points must be finite. */
    private static void probe(ModelArchive.Contents file, DiffusionMlp net) throws ModelFileException {
        int points = 8;
        int blocks = net.steps();
        float[] one = OutputProbe.inputs(points, net.dims());
        float[] x = new float[one.length * blocks];
        for (int b = 0; b < blocks; b++) {
            System.arraycopy(one, 0, x, b * one.length, one.length);
        }
        OutputProbe.check(file, "a probe of " + points + " points at every step",
                net.forward(Nd4j.createFromArray(x).reshape((long) points * blocks, net.dims()), 1, blocks).output());
    }

    /** The user data a config names, checked to be the points it names. */
    private static Optional<UserData> readUserData(ModelArchive.Contents file, String id) throws ModelFileException {
        if (!UserData.isId(id)) {
            return Optional.empty();
        }
        byte[] csv = file.optionalEntry(USER_DATA).orElseThrow(() ->
                file.fail("it names the user data set " + id + " but has no " + USER_DATA + " entry with its points"));
        UserData data;
        try {
            data = UserData.parseCsv(new String(csv, StandardCharsets.UTF_8), USER_DATA);
        } catch (IllegalArgumentException e) {
            throw file.fail("its user data are unreadable: " + e.getMessage() + " (the file is corrupt)", e);
        }
        if (!data.id().equals(id)) {
            throw file.fail("its " + USER_DATA + " holds other points than the data set " + id
                    + " its config names (the file is corrupt)");
        }
        return Optional.of(data);
    }
}
