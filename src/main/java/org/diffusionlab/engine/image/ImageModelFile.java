package org.diffusionlab.engine.image;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.diffusionlab.engine.io.ModelFileException;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code .dlab} file of an image model: a ZIP archive (CRC-32 checked on reading) like the swiss-roll model file,
 * told apart by the manifest's {@code format} value {@value #FORMAT}. Entries, in order:
 * <ul>
 *   <li>{@code manifest.properties} (always first): format, formatVersion, createdBy, savedAt, training.iterations,
 *       training.seconds, config.* (dataset, size, steps, schedule, beta1, architecture, learningRate, batchSize,
 *       seed, holdoutSize, tSampling: uniform when absent, weighting: bound when absent), data.mean, data.std, data.eightBit, network.parameterCount, network.dataType (float32);</li>
 *   <li>{@code schedule.csv}: header {@code t,beta}, T rows;</li>
 *   <li>{@code layout.csv}: header {@code name,shape,offset,length}, one row per weight tensor;</li>
 *   <li>{@code parameters.bin}: the weights as float32 little-endian in layout order;</li>
 *   <li>{@code history.csv}: header {@code iteration,seconds,batch_k_bits_per_pixel,holdout_k_bits_per_pixel}.</li>
 * </ul>
 * Saving writes a temporary file beside the target and renames it into place. Every loading problem is a
 * {@link ModelFileException} whose message names the file.
 */
public final class ImageModelFile {

    public static final String FORMAT = "diffusionlab-image-model";
    public static final int FORMAT_VERSION = 1;
    private static final String MANIFEST = "manifest.properties";
    private static final long MAX_ENTRY_BYTES = 256L << 20;

    /** The shipped models' names, loadable with {@link #loadBundled}: deadleaves, digits, texture. */
    public static final List<String> BUNDLED = List.of("deadleaves", "digits", "texture");

    private ImageModelFile() {
    }

    /** Whether the file is a ZIP whose first entry is a manifest naming this format (false for anything else). */
    public static boolean isImageModel(Path file) {
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e = zip.getNextEntry();
            if (e == null || !MANIFEST.equals(e.getName())) {
                return false;
            }
            Properties p = new Properties();
            p.load(new ByteArrayInputStream(zip.readNBytes(1 << 20)));
            return FORMAT.equals(p.getProperty("format"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Saves atomically. */
    public static void save(Path file, SavedImageModel saved) throws IOException {
        ImageDiffusionModel m = saved.model();
        ImageTrainingConfig c = m.config();
        FlatParameters params = m.network().parameters();
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("formatVersion", Integer.toString(FORMAT_VERSION));
        p.setProperty("createdBy", saved.createdBy());
        p.setProperty("savedAt", saved.savedAt().toString());
        p.setProperty("training.iterations", Long.toString(saved.iterations()));
        p.setProperty("training.seconds", Double.toString(saved.trainingSeconds()));
        p.setProperty("config.dataset", c.dataset());
        p.setProperty("config.size", Integer.toString(c.size()));
        p.setProperty("config.steps", Integer.toString(c.steps()));
        p.setProperty("config.schedule", c.schedule());
        p.setProperty("config.beta1", Double.toString(c.beta1()));
        p.setProperty("config.architecture", c.architecture().toString());
        p.setProperty("config.learningRate", Double.toString(c.learningRate()));
        p.setProperty("config.batchSize", Integer.toString(c.batchSize()));
        p.setProperty("config.seed", Long.toString(c.seed()));
        p.setProperty("config.holdoutSize", Integer.toString(c.holdoutSize()));
        p.setProperty("config.tSampling", c.tSampling());
        p.setProperty("config.weighting", c.weighting());
        p.setProperty("data.mean", Double.toString(m.dataMean()));
        p.setProperty("data.std", Double.toString(m.dataStd()));
        p.setProperty("data.eightBit", Boolean.toString(m.eightBit()));
        p.setProperty("network.parameterCount", Long.toString(params.size()));
        p.setProperty("network.dataType", "float32");
        ByteArrayOutputStream manifest = new ByteArrayOutputStream();
        p.store(manifest, "DiffusionLab image model");

        StringBuilder schedule = new StringBuilder("t,beta\n");
        for (int t = 1; t <= m.schedule().steps(); t++) {
            schedule.append(t).append(',').append(m.schedule().beta(t)).append('\n');
        }
        StringBuilder layout = new StringBuilder("name,shape,offset,length\n");
        for (FlatParameters.Slot s : params.slots()) {
            StringBuilder shape = new StringBuilder();
            for (long d : s.shape()) {
                shape.append(shape.length() > 0 ? "x" : "").append(d);
            }
            layout.append(s.name()).append(',').append(shape).append(',').append(s.offset()).append(',').append(s.length()).append('\n');
        }
        float[] values = params.flat().castTo(DataType.FLOAT).toFloatVector();
        ByteBuffer bin = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("the network has a non-finite weight; refusing to save it");
            }
            bin.putFloat(v);
        }
        StringBuilder history = new StringBuilder("iteration,seconds,batch_k_bits_per_pixel,holdout_k_bits_per_pixel\n");
        for (ImageTrainer.HistoryPoint h : saved.history()) {
            history.append(h.iteration()).append(',').append(h.seconds()).append(',').append(h.batchKBits()).append(',')
                    .append(h.holdoutKBits()).append('\n');
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MANIFEST, manifest.toByteArray());
        entries.put("schedule.csv", schedule.toString().getBytes(StandardCharsets.UTF_8));
        entries.put("layout.csv", layout.toString().getBytes(StandardCharsets.UTF_8));
        entries.put("parameters.bin", bin.array());
        entries.put("history.csv", history.toString().getBytes(StandardCharsets.UTF_8));

        Path target = file.toAbsolutePath().normalize();
        Path temp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Loads an image model; every problem is a ModelFileException naming the file. */
    public static SavedImageModel load(Path file) throws ModelFileException {
        if (!Files.exists(file)) {
            throw new ModelFileException(file, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "it is not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file);
        } catch (IOException e) {
            throw new ModelFileException(file, "it cannot be read: " + e.getMessage(), e);
        }
    }

    /** Loads a shipped model from the class path ({@code /assets/models/NAME.dlab}). */
    public static SavedImageModel loadBundled(String name) throws ModelFileException {
        String resource = "/assets/models/" + name + ".dlab";
        Path label = Path.of("assets", "models", name + ".dlab");
        try (InputStream in = ImageModelFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelFileException(label, "no such shipped model on the class path (shipped: " + BUNDLED + ")");
            }
            return read(in, label);
        } catch (IOException e) {
            throw new ModelFileException(label, "it cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a model from a stream; {@code file} names it in messages. */
    static SavedImageModel read(InputStream in, Path file) throws ModelFileException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (entries.isEmpty() && !MANIFEST.equals(e.getName())) {
                    throw new ModelFileException(file, "it is not a DiffusionLab model (its first entry is " + e.getName()
                            + ", not " + MANIFEST + ")");
                }
                byte[] data = zip.readNBytes((int) MAX_ENTRY_BYTES + 1);
                if (data.length > MAX_ENTRY_BYTES) {
                    throw new ModelFileException(file, "its entry " + e.getName() + " is implausibly large");
                }
                entries.put(e.getName(), data);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new ModelFileException(file, "it is damaged or truncated (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "it cannot be read: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new ModelFileException(file, "it is not a DiffusionLab model file (not a ZIP archive, or empty)");
        }
        try {
            return decode(file, entries);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException e) {
            throw new ModelFileException(file, "its contents are invalid: " + e.getMessage(), e);
        }
    }

    private static SavedImageModel decode(Path file, Map<String, byte[]> entries) throws ModelFileException {
        Properties p = new Properties();
        try {
            p.load(new ByteArrayInputStream(entries.get(MANIFEST)));
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(file, "its manifest cannot be read: " + e.getMessage(), e);
        }
        String format = p.getProperty("format");
        if (!FORMAT.equals(format)) {
            throw new ModelFileException(file, "it is not an image model (format '" + format + "', expected " + FORMAT + ")");
        }
        int version = Integer.parseInt(require(file, p, "formatVersion"));
        if (version != FORMAT_VERSION) {
            throw new ModelFileException(file, version > FORMAT_VERSION
                    ? "it was written by a newer DiffusionLab (format version " + version + "; this version reads " + FORMAT_VERSION + ")"
                    : "its format version " + version + " is not supported");
        }
        for (String name : List.of("schedule.csv", "layout.csv", "parameters.bin", "history.csv")) {
            if (!entries.containsKey(name)) {
                throw new ModelFileException(file, "the entry " + name + " is missing");
            }
        }
        ImageTrainingConfig config = new ImageTrainingConfig(require(file, p, "config.dataset"),
                Integer.parseInt(require(file, p, "config.size")), Integer.parseInt(require(file, p, "config.steps")),
                require(file, p, "config.schedule"), Double.parseDouble(require(file, p, "config.beta1")),
                ConvArchitecture.parse(require(file, p, "config.architecture")),
                Double.parseDouble(require(file, p, "config.learningRate")),
                Integer.parseInt(require(file, p, "config.batchSize")), Long.parseLong(require(file, p, "config.seed")),
                Integer.parseInt(require(file, p, "config.holdoutSize")),
                p.getProperty("config.tSampling", StepSampler.UNIFORM),    // files before importance sampling: uniform
                p.getProperty("config.weighting", StepWeighting.BOUND));   // files before the noise weighting: the bound
        List<String[]> rows = csv(file, entries.get("schedule.csv"), "t,beta");
        if (rows.size() != config.steps()) {
            throw new ModelFileException(file, "schedule.csv has " + rows.size() + " steps, the settings say T = " + config.steps());
        }
        double[] betas = new double[rows.size()];
        for (int i = 0; i < betas.length; i++) {
            betas[i] = Double.parseDouble(rows.get(i)[1]);
        }
        BetaSchedule schedule = BetaSchedule.of(config.schedule(), betas);
        FlatParameters params = ImageNetwork.layout(config.architecture(), config.size()).build(DataType.FLOAT);
        List<String[]> layout = csv(file, entries.get("layout.csv"), "name,shape,offset,length");
        List<FlatParameters.Slot> slots = params.slots();
        if (layout.size() != slots.size()) {
            throw new ModelFileException(file, "layout.csv lists " + layout.size() + " tensors; architecture "
                    + config.architecture() + " has " + slots.size());
        }
        for (int i = 0; i < slots.size(); i++) {
            FlatParameters.Slot s = slots.get(i);
            if (!layout.get(i)[0].equals(s.name()) || Long.parseLong(layout.get(i)[2]) != s.offset()
                    || Long.parseLong(layout.get(i)[3]) != s.length()) {
                throw new ModelFileException(file, "layout.csv row " + (i + 2) + " (" + layout.get(i)[0]
                        + ") does not match the architecture's tensor " + s.name());
            }
        }
        byte[] bin = entries.get("parameters.bin");
        if (bin.length != params.size() * 4) {
            throw new ModelFileException(file, "parameters.bin holds " + bin.length + " bytes; " + params.size()
                    + " float32 weights need " + params.size() * 4);
        }
        ByteBuffer buf = ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[(int) params.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = buf.getFloat();
            if (!Float.isFinite(values[i])) {
                throw new ModelFileException(file, "parameters.bin holds a non-finite weight (number " + i + ")");
            }
        }
        params.flat().assign(Nd4j.createFromArray(values));
        ImageNetwork net = new ImageNetwork(config.architecture(), config.size(), config.steps(), params);
        ImageDiffusionModel model = new ImageDiffusionModel(config, schedule, net,
                Double.parseDouble(require(file, p, "data.mean")), Double.parseDouble(require(file, p, "data.std")),
                Boolean.parseBoolean(require(file, p, "data.eightBit")));
        List<ImageTrainer.HistoryPoint> history = new ArrayList<>();
        for (String[] r : csv(file, entries.get("history.csv"), "iteration,seconds,batch_k_bits_per_pixel,holdout_k_bits_per_pixel")) {
            history.add(new ImageTrainer.HistoryPoint(Long.parseLong(r[0]), Double.parseDouble(r[1]),
                    Double.parseDouble(r[2]), Double.parseDouble(r[3])));
        }
        return new SavedImageModel(model, history, Long.parseLong(require(file, p, "training.iterations")),
                Double.parseDouble(require(file, p, "training.seconds")), require(file, p, "createdBy"),
                Instant.parse(require(file, p, "savedAt")));
    }

    private static String require(Path file, Properties p, String key) throws ModelFileException {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new ModelFileException(file, "its manifest lacks the key " + key);
        }
        return v.trim();
    }

    private static List<String[]> csv(Path file, byte[] data, String header) throws ModelFileException {
        String[] lines = new String(data, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].trim().equals(header)) {
            throw new ModelFileException(file, "an entry does not start with the header " + header);
        }
        int cols = header.split(",").length;
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] r = lines[i].trim().split(",");
            if (r.length != cols) {
                throw new ModelFileException(file, "the row '" + lines[i].trim() + "' under header " + header
                        + " has " + r.length + " fields, not " + cols);
            }
            rows.add(r);
        }
        return rows;
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
