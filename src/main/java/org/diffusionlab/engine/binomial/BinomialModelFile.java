package org.diffusionlab.engine.binomial;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diffusionlab.engine.io.HistoryEntry;
import org.diffusionlab.engine.io.Manifest;
import org.diffusionlab.engine.io.ManifestWriter;
import org.diffusionlab.engine.io.ModelArchive;
import org.diffusionlab.engine.io.ModelFileException;
import org.diffusionlab.engine.io.ModelKind;
import org.diffusionlab.engine.io.OutputProbe;
import org.diffusionlab.engine.io.ParameterEntries;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.train.HistoryPoint;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The {@code .dlab} file of a binomial model (kind {@link ModelKind#BINOMIAL}): the container is
 * {@link ModelArchive}'s, with its checks, atomic save and messages; this class is the schema. Entries, manifest first:
 * {@code manifest.properties} (format, version, createdBy, savedAt, training counters, the config as
 * {@code config.*}, {@code schedule.name=binomial}, network.parameterCount and network.dataType; written in
 * {@link #manifest} and read in {@link #decode}, side by side), {@code layout.csv} and {@code parameters.bin}
 * ({@link ParameterEntries}) and {@code history.csv} ({@link HistoryEntry}: header
 * {@code iteration,seconds,batch_k_bits,holdout_k_bits}, K in bits per sequence).
 */
public final class BinomialModelFile {

    public static final String FORMAT = ModelKind.BINOMIAL.format();
    public static final int FORMAT_VERSION = 1;
    static final String MANIFEST = ModelArchive.MANIFEST;
    static final String LAYOUT = ParameterEntries.LAYOUT;
    static final String PARAMETERS = ParameterEntries.PARAMETERS;
    static final String HISTORY = HistoryEntry.NAME;
    static final String HISTORY_HEADER = "iteration,seconds,batch_k_bits,holdout_k_bits";

    private BinomialModelFile() {
    }

    /** Saves atomically; an existing file is replaced only once the new one is complete. */
    public static void save(Path file, SavedBinomialModel m) throws IOException {
        Map<String, byte[]> entries = entries(m);   // refuses non-finite weights before touching the disk
        ModelArchive.write(file, manifest(m), entries, m.savedAt());
    }

    /** The manifest's bytes and then the entries, as in the file (for tests that take files apart). */
    static Map<String, byte[]> encode(SavedBinomialModel m) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(MANIFEST, manifest(m).bytes());
        all.putAll(entries(m));
        return all;
    }

    static Map<String, byte[]> entries(SavedBinomialModel m) {
        FlatParameters params = m.model().network().parameters();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(LAYOUT, ParameterEntries.layout(params));
        entries.put(PARAMETERS, ParameterEntries.weights(params));
        entries.put(HISTORY, HistoryEntry.bytes(HISTORY_HEADER, m.history().stream()
                .map(p -> new HistoryEntry.Row(p.iteration(), p.seconds(), p.batchKBits(), p.holdoutKBits())).toList()));
        return entries;
    }

    static ManifestWriter manifest(SavedBinomialModel m) {
        BinomialConfig c = m.model().config();
        ManifestWriter w = new ManifestWriter(ModelKind.BINOMIAL, FORMAT_VERSION, "DiffusionLab binomial diffusion model")
                .put("createdBy", m.createdBy())
                .put("savedAt", m.savedAt().toString())
                .put("training.iterations", m.iterations())
                .put("training.seconds", m.trainingSeconds())
                .put("config.dataset", c.dataset())
                .put("config.steps", c.steps())
                .put("config.network", c.network())
                .put("config.bumps", c.bumps())
                .put("config.parameterisation", c.parameterisation().label())
                .put("config.learningRate", c.learningRate())
                .put("config.batchSize", c.batchSize())
                .put("config.seed", c.seed())
                .put("config.holdoutPerStep", c.holdoutPerStep())
                .put("schedule.name", "binomial");
        ParameterEntries.describe(w, m.model().network().parameters());
        return w;
    }

    /**
     * Whether the file is a model file of this kind, judged from its manifest alone (false for anything else, and
     * for what is not a regular file, which is not opened). {@link #load} gives the reason.
     */
    public static boolean isBinomialModelFile(Path file) {
        return ModelArchive.kindOf(file).orElse(null) == ModelKind.BINOMIAL;
    }

    /** Loads a binomial model; every problem is a ModelFileException naming the file and the cause. */
    public static SavedBinomialModel load(Path file) throws ModelFileException {
        ModelArchive.Contents contents = ModelArchive.read(file, ModelKind.BINOMIAL, FORMAT_VERSION);
        try {
            return decode(contents);
        } catch (RuntimeException e) {
            throw contents.fail("it is corrupt (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private static SavedBinomialModel decode(ModelArchive.Contents file) throws ModelFileException {
        Manifest man = file.manifest();
        BinomialConfig config;
        try {
            config = new BinomialConfig(man.word("config.dataset"), man.integer("config.steps"),
                    man.word("config.network"), man.integer("config.bumps"),
                    Parameterisation.fromLabel(man.word("config.parameterisation")),
                    man.real("config.learningRate"), man.integer("config.batchSize"),
                    man.whole("config.seed"), man.integer("config.holdoutPerStep"));
        } catch (IllegalArgumentException e) {
            throw file.fail("its settings are invalid: " + e.getMessage(), e);
        }
        long iterations = man.count("training.iterations");
        double seconds = man.nonNegative("training.seconds");
        String createdBy = man.optional("createdBy").orElse("unknown");
        java.time.Instant savedAt = man.instant("savedAt");

        int bins = config.sequences()[0].length;
        FlatParameters params = BinomialNetwork.layout(config.architecture(), bins).build(DataType.FLOAT);
        ParameterEntries.readInto(file, params, "network " + config.network() + " with " + config.bumps()
                + " bumps over " + bins + " bins");
        BinomialNetwork net = new BinomialNetwork(config.architecture(), config.process(), bins, params);
        probe(file, net, config.steps());
        List<HistoryPoint> history = HistoryEntry.read(file, HISTORY_HEADER).stream()
                .map(r -> new HistoryPoint(r.iteration(), r.seconds(), r.batchK(), r.holdoutK())).toList();
        return new SavedBinomialModel(new BinomialModel(config, net), history, iterations, seconds, createdBy, savedAt);
    }

    /** The network's outputs at every step 2..T, each for a fixed pattern of bits, must be finite. */
    private static void probe(ModelArchive.Contents file, BinomialNetwork net, int steps) throws ModelFileException {
        int rows = steps - 1;
        if (rows < 1) {
            return;
        }
        int bins = net.bins();
        byte[] x = new byte[rows * bins];
        float[] u = OutputProbe.inputs(rows, bins);
        int[] t = new int[rows];
        for (int r = 0; r < rows; r++) {
            t[r] = r + 2;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) (u[i] > 0 ? 1 : 0);
        }
        OutputProbe.check(file, "a probe of one sequence at every step 2.." + steps, net.forward(x, t).z());
    }
}
