package org.diffusionlab.engine.binomial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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
import org.diffusionlab.engine.train.HistoryPoint;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The {@code .dlab} file of a binomial model: a ZIP archive like the Gaussian model file (see the README), with its
 * own {@code format} value. Entries, in order: {@code manifest.properties} (always first: format, version, the config
 * as {@code config.*}, training counters), {@code layout.csv} ({@code name,shape,offset,length} per weight tensor),
 * {@code parameters.bin} (the weights as float32 little-endian in layout order) and {@code history.csv}
 * ({@code iteration,seconds,batch_k_bits,holdout_k_bits}, K in bits per sequence). Saves are atomic (a temporary
 * file beside the target, then one rename); every load error names the file and says what is wrong.
 */
public final class BinomialModelFile {

    public static final String FORMAT = "diffusionlab-binomial-model";
    public static final int FORMAT_VERSION = 1;
    static final String MANIFEST = "manifest.properties";
    static final String LAYOUT = "layout.csv";
    static final String PARAMETERS = "parameters.bin";
    static final String HISTORY = "history.csv";
    static final String LAYOUT_HEADER = "name,shape,offset,length";
    static final String HISTORY_HEADER = "iteration,seconds,batch_k_bits,holdout_k_bits";
    private static final long MAX_ENTRY_BYTES = 256L << 20;

    private BinomialModelFile() {
    }

    /** Saves atomically; an existing file is replaced only once the new one is complete. */
    public static void save(Path file, SavedBinomialModel m) throws IOException {
        Map<String, byte[]> entries = encode(m);
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("Cannot save model file " + target + ": the folder " + dir + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new IOException("Cannot save model file " + target + ": a folder of that name exists");
        }
        Path temp = createTemporaryFile(dir, target);
        try {
            try (OutputStream out = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                zip.setComment("DiffusionLab model file, format " + FORMAT + " version " + FORMAT_VERSION);
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    entry.setTime(m.savedAt().toEpochMilli());
                    zip.putNextEntry(entry);
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new IOException("Cannot save model file " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** A temporary file beside the target with the usual permissions (the umask's), or the replaced file's. */
    private static Path createTemporaryFile(Path dir, Path target) throws IOException {
        String prefix = "." + target.getFileName() + "-";
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".tmp");
        }
        Path temp = Files.createTempFile(dir, prefix, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
        if (Files.isRegularFile(target)) {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        }
        return temp;
    }

    static Map<String, byte[]> encode(SavedBinomialModel m) {
        BinomialModel model = m.model();
        BinomialConfig c = model.config();
        FlatParameters params = model.network().parameters();
        double[] values = params.toDoubleArray();
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the model has non-finite weights");
            }
        }
        Map<String, String> man = new LinkedHashMap<>();
        man.put("format", FORMAT);
        man.put("formatVersion", Integer.toString(FORMAT_VERSION));
        man.put("createdBy", m.createdBy());
        man.put("savedAt", m.savedAt().toString());
        man.put("training.iterations", Long.toString(m.iterations()));
        man.put("training.seconds", Double.toString(m.trainingSeconds()));
        man.put("config.dataset", c.dataset());
        man.put("config.steps", Integer.toString(c.steps()));
        man.put("config.network", c.network());
        man.put("config.bumps", Integer.toString(c.bumps()));
        man.put("config.parameterisation", c.parameterisation().label());
        man.put("config.learningRate", Double.toString(c.learningRate()));
        man.put("config.batchSize", Integer.toString(c.batchSize()));
        man.put("config.seed", Long.toString(c.seed()));
        man.put("config.holdoutPerStep", Integer.toString(c.holdoutPerStep()));
        man.put("schedule.name", "binomial");
        man.put("network.parameterCount", Long.toString(values.length));
        man.put("network.dataType", "float32");
        StringBuilder manifest = new StringBuilder("# DiffusionLab binomial diffusion model\n");
        for (Map.Entry<String, String> e : man.entrySet()) {
            manifest.append(e.getKey()).append('=').append(escape(e.getValue())).append('\n');
        }
        StringBuilder layout = new StringBuilder(LAYOUT_HEADER).append('\n');
        for (FlatParameters.Slot s : params.slots()) {
            StringBuilder shape = new StringBuilder();
            for (int i = 0; i < s.shape().length; i++) {
                shape.append(i > 0 ? "x" : "").append(s.shape()[i]);
            }
            layout.append(s.name()).append(',').append(shape).append(',').append(s.offset()).append(',').append(s.length()).append('\n');
        }
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            buf.putFloat((float) v);
        }
        StringBuilder history = new StringBuilder(HISTORY_HEADER).append('\n');
        for (HistoryPoint p : m.history()) {
            history.append(p.iteration()).append(',').append(p.seconds()).append(',').append(p.batchKBits()).append(',')
                    .append(p.holdoutKBits()).append('\n');
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MANIFEST, manifest.toString().getBytes(StandardCharsets.ISO_8859_1));
        entries.put(LAYOUT, layout.toString().getBytes(StandardCharsets.UTF_8));
        entries.put(PARAMETERS, buf.array());
        entries.put(HISTORY, history.toString().getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    private static String escape(String v) {
        StringBuilder sb = new StringBuilder();
        for (char ch : v.toCharArray()) {
            if (ch == '\\' || ch == '\n' || ch == '\r' || ch == '=' || ch == ':' || ch == '#' || ch == '!') {
                sb.append('\\').append(ch == '\n' ? 'n' : ch == '\r' ? 'r' : ch);
            } else if (ch < 0x20 || ch > 0x7e) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /**
     * Whether the file looks like a binomial model file (a ZIP whose first entry is a manifest naming this format).
     * Never throws: any problem reads as "no", and {@link #load} then gives the reason.
     */
    public static boolean isBinomialModelFile(Path file) {
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry first = zip.getNextEntry();
            if (first == null || !MANIFEST.equals(first.getName())) {
                return false;
            }
            Properties p = new Properties();
            p.load(new StringReader(new String(zip.readNBytes(1 << 20), StandardCharsets.ISO_8859_1)));
            return FORMAT.equals(p.getProperty("format"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Loads a binomial model; every problem is a ModelFileException naming the file and the reason. */
    public static SavedBinomialModel load(Path file) throws ModelFileException {
        if (!Files.exists(file)) {
            throw new ModelFileException(file, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "it is not a file");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            if (Files.size(file) == 0) {
                throw new ModelFileException(file, "it is empty (0 bytes)");
            }
            try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
                ZipEntry e;
                while ((e = zip.getNextEntry()) != null) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    byte[] b = new byte[1 << 16];
                    long total = 0;
                    int r;
                    while ((r = zip.read(b)) > 0) {
                        total += r;
                        if (total > MAX_ENTRY_BYTES) {
                            throw new ModelFileException(file, "its entry " + e.getName() + " is implausibly large");
                        }
                        out.write(b, 0, r);
                    }
                    entries.put(e.getName(), out.toByteArray());
                }
            }
        } catch (ZipException e) {
            throw new ModelFileException(file, "it is damaged or not a DiffusionLab model file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "it cannot be read (" + e.getMessage() + ")", e);
        }
        if (entries.isEmpty()) {
            throw new ModelFileException(file, "it is not a DiffusionLab model file (not a ZIP archive)");
        }
        if (!MANIFEST.equals(entries.keySet().iterator().next())) {
            throw new ModelFileException(file, "it is not a DiffusionLab model file (its first entry is not " + MANIFEST + ")");
        }
        Properties man = new Properties();
        try {
            man.load(new StringReader(new String(entries.get(MANIFEST), StandardCharsets.ISO_8859_1)));
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(file, "its manifest is damaged (" + e.getMessage() + ")", e);
        }
        String format = man.getProperty("format");
        if (!FORMAT.equals(format)) {
            throw new ModelFileException(file, "it is not a binomial diffusion model (format '" + format + "')");
        }
        int version = intKey(file, man, "formatVersion");
        if (version > FORMAT_VERSION) {
            throw new ModelFileException(file, "it was written by a newer DiffusionLab (format version " + version
                    + "; this version reads " + FORMAT_VERSION + ")");
        }
        if (version < 1) {
            throw new ModelFileException(file, "its format version " + version + " is invalid");
        }
        BinomialConfig config;
        try {
            config = new BinomialConfig(key(file, man, "config.dataset"), intKey(file, man, "config.steps"),
                    key(file, man, "config.network"), intKey(file, man, "config.bumps"),
                    Parameterisation.fromLabel(key(file, man, "config.parameterisation")),
                    doubleKey(file, man, "config.learningRate"), intKey(file, man, "config.batchSize"),
                    longKey(file, man, "config.seed"), intKey(file, man, "config.holdoutPerStep"));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "its settings are invalid: " + e.getMessage(), e);
        }
        FlatParameters params = BinomialNetwork.layout(config.architecture(), config.sequences()[0].length).build(DataType.FLOAT);
        checkLayout(file, text(file, entries, LAYOUT), params);
        byte[] raw = entries.get(PARAMETERS);
        if (raw == null) {
            throw new ModelFileException(file, "it has no " + PARAMETERS + " entry");
        }
        if (raw.length != 4L * params.size()) {
            throw new ModelFileException(file, PARAMETERS + " holds " + raw.length + " bytes; this network needs "
                    + 4L * params.size() + " (" + params.size() + " float32 weights)");
        }
        ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[(int) params.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = buf.getFloat();
            if (!Double.isFinite(values[i])) {
                throw new ModelFileException(file, "weight " + i + " in " + PARAMETERS + " is not a finite number");
            }
        }
        params.setFrom(values);
        List<HistoryPoint> history = readHistory(file, text(file, entries, HISTORY));
        Instant savedAt;
        try {
            savedAt = Instant.parse(key(file, man, "savedAt"));
        } catch (DateTimeParseException e) {
            throw new ModelFileException(file, "its manifest key savedAt is not a time", e);
        }
        BinomialModel model = new BinomialModel(config, new BinomialNetwork(config.architecture(), config.process(),
                config.sequences()[0].length, params));
        return new SavedBinomialModel(model, history, longKey(file, man, "training.iterations"),
                doubleKey(file, man, "training.seconds"), man.getProperty("createdBy", "unknown"), savedAt);
    }

    private static void checkLayout(Path file, String text, FlatParameters expected) throws ModelFileException {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        List<String> want = new ArrayList<>();
        want.add(LAYOUT_HEADER);
        for (FlatParameters.Slot s : expected.slots()) {
            StringBuilder shape = new StringBuilder();
            for (int i = 0; i < s.shape().length; i++) {
                shape.append(i > 0 ? "x" : "").append(s.shape()[i]);
            }
            want.add(s.name() + "," + shape + "," + s.offset() + "," + s.length());
        }
        if (!lines.equals(want)) {
            throw new ModelFileException(file, LAYOUT + " does not match the network its settings describe");
        }
    }

    private static List<HistoryPoint> readHistory(Path file, String text) throws ModelFileException {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).equals(HISTORY_HEADER)) {
            throw new ModelFileException(file, HISTORY + " does not start with the header " + HISTORY_HEADER);
        }
        List<HistoryPoint> h = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            try {
                if (f.length != 4) {
                    throw new NumberFormatException("expected 4 fields");
                }
                h.add(new HistoryPoint(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3])));
            } catch (NumberFormatException e) {
                throw new ModelFileException(file, HISTORY + " line " + (i + 1) + " is invalid: " + lines.get(i), e);
            }
        }
        return h;
    }

    private static String text(Path file, Map<String, byte[]> entries, String name) throws ModelFileException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new ModelFileException(file, "it has no " + name + " entry");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String key(Path file, Properties p, String key) throws ModelFileException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new ModelFileException(file, "its manifest has no " + key);
        }
        return v.trim();
    }

    private static int intKey(Path file, Properties p, String key) throws ModelFileException {
        try {
            return Integer.parseInt(key(file, p, key));
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, "its manifest key " + key + " is not a whole number", e);
        }
    }

    private static long longKey(Path file, Properties p, String key) throws ModelFileException {
        try {
            return Long.parseLong(key(file, p, key));
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, "its manifest key " + key + " is not a whole number", e);
        }
    }

    private static double doubleKey(Path file, Properties p, String key) throws ModelFileException {
        try {
            return Double.parseDouble(key(file, p, key));
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, "its manifest key " + key + " is not a number", e);
        }
    }
}
