package org.diffusionlab.engine.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.model.MlpArchitecture;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.train.HistoryPoint;
import org.diffusionlab.engine.train.OptimizerKind;
import org.diffusionlab.engine.train.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DiffusionLab model file ({@code .dlab}): the one place a trained model is written to and read from disk.
 *
 * <h2>Format, version 1</h2>
 * A ZIP archive ({@code java.util.zip}, every entry deflated and CRC-32 checked on reading) with these entries, the
 * manifest first so that a foreign or older file is recognised before anything else is read:
 * <ol>
 *   <li>{@code manifest.properties}: Java properties in ASCII (other characters as Java unicode escapes), one key
 *       per line in a fixed order: {@code format=diffusionlab-model}, {@code formatVersion=1}, {@code createdBy}
 *       (the writing app's version or {@code unknown}), {@code savedAt} (ISO-8601 instant),
 *       {@code training.iterations}, {@code training.seconds}, every {@link TrainingConfig} field as {@code config.<field>} (dataset, noiseStd,
 *       steps, schedule, beta1, architecture, optimizer, learningRate, batchSize, seed, learnBeta, holdoutSize),
 *       {@code schedule.name}, {@code network.architecture} (the preset name), {@code network.dims},
 *       {@code network.parameterCount} and {@code network.dataType=float32}. Doubles are written with
 *       {@link Double#toString(double)}, so they read back bit for bit.</li>
 *   <li>{@code schedule.csv}: header {@code t,beta}, then T rows {@code t,beta_t} for t = 1..T, each beta in (0, 1)
 *       written with {@link Double#toString(double)}.</li>
 *   <li>{@code layout.csv}: header {@code name,shape,offset,length}, one row per parameter tensor in
 *       {@link FlatParameters} order, the shape written as dimensions joined by {@code x} (e.g. {@code 40x16x4}).
 *       On load it must equal the layout the architecture implies in the running version, so a file from an
 *       incompatible version fails with a clear message instead of loading scrambled weights.</li>
 *   <li>{@code parameters.bin}: the network parameters as IEEE-754 float32, little-endian, in layout order, nothing
 *       before or after: exactly 4 x {@code network.parameterCount} bytes, all finite.</li>
 *   <li>{@code history.csv}: header {@code iteration,seconds,batch_k_bits,holdout_k_bits}, one row per
 *       {@link HistoryPoint}, oldest first ({@code NaN} allowed for a K not yet measured).</li>
 *   <li>{@code data.csv} (only when the config's data set is user data, {@code user-<12 hex digits>}): header
 *       {@code x,y}, the user's points in raw units and drawing order, full precision; their fingerprint must be
 *       the id the config names. Older readers ignore the entry.</li>
 * </ol>
 * The manifest must be the first entry; the others may follow in any order. Text entries are UTF-8 with
 * {@code \n} line ends. A reader also requires the ZIP's central directory, so a file cut short anywhere is refused as
 * truncated, and verifies every entry's CRC-32.
 *
 * <h2>Versioning</h2>
 * Readers ignore manifest keys and ZIP entries they do not know, so adding information that older readers can safely
 * ignore keeps {@code formatVersion}. Any change that an older reader would misread (renaming, removing or
 * re-interpreting a key, an entry or an encoding) increments {@code formatVersion}; a reader refuses a file whose
 * version is newer than its own, saying so, and keeps reading every older version it knows.
 *
 * <h2>Atomic save</h2>
 * {@link #save} writes a temporary file ({@code .<name>-<random>.tmp}) in the target's directory, forces it to disk,
 * then renames it over the target atomically (a plain replacing move where the file system cannot rename
 * atomically). A failed save deletes the temporary file and leaves any existing file untouched.
 */
public final class ModelFile {

    /** The extension model files carry. */
    public static final String EXTENSION = ".dlab";
    /** The manifest's {@code format} value. */
    public static final String FORMAT = "diffusionlab-model";
    /** The format version this class writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /**
     * The other kinds of DiffusionLab model, read by codecs of their own (engine.image.ImageModelFile,
     * engine.binomial.BinomialModelFile): named here so that opening one as a 2-D model says what it is.
     */
    private static final java.util.Map<String, String> OTHER_KINDS = java.util.Map.of(
            "diffusionlab-image-model", "an image diffusion model (the Inpaint pane and the CLI's image commands use it)",
            "diffusionlab-binomial-model", "a binomial (heartbeat) diffusion model");

    static final String MANIFEST = "manifest.properties";
    static final String SCHEDULE = "schedule.csv";
    static final String LAYOUT = "layout.csv";
    static final String PARAMETERS = "parameters.bin";
    static final String HISTORY = "history.csv";
    private static final List<String> DATA_ENTRIES = List.of(SCHEDULE, LAYOUT, PARAMETERS, HISTORY);
    /** Optional: the points of a user data set (header x,y, raw units), present when the config names one. */
    static final String USER_DATA = "data.csv";

    static final String SCHEDULE_HEADER = "t,beta";
    static final String LAYOUT_HEADER = "name,shape,offset,length";
    static final String HISTORY_HEADER = "iteration,seconds,batch_k_bits,holdout_k_bits";
    static final String DATA_TYPE = "float32";

    private static final long MAX_MANIFEST_BYTES = 1L << 20;
    private static final long MAX_TEXT_ENTRY_BYTES = 256L << 20;

    private ModelFile() {
    }

    /** Lets tests fail a save after the temporary file is complete and before it replaces the target. */
    interface SaveHook {
        void beforeMove(Path temporaryFile) throws IOException;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Saving

    /**
     * Writes a model file atomically: either the complete new file replaces {@code file}, or (on any failure)
     * {@code file} is left as it was and no temporary file remains.
     *
     * @throws IOException              if the file cannot be written; the message names the file and the reason
     * @throws IllegalArgumentException if the model cannot be represented in the format (its network is not the
     *                                  architecture preset its config names, or has non-finite parameters)
     */
    public static void save(Path file, SavedModel model) throws IOException {
        save(file, model, temp -> { });
    }

    static void save(Path file, SavedModel model, SaveHook hook) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
        Map<String, byte[]> entries = encode(model);   // refuses an unrepresentable model before touching the disk
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        if (dir == null || target.getFileName() == null) {
            throw new IOException("Cannot save model file " + target + ": it names no file");
        }
        if (!Files.exists(dir)) {
            throw new IOException("Cannot save model file " + target + ": the folder " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("Cannot save model file " + target + ": " + dir + " is not a folder");
        }
        if (Files.isDirectory(target)) {
            throw new IOException("Cannot save model file " + target + ": a folder of that name exists");
        }
        try {
            Path temp = createTemporaryFile(dir, target);
            try {
                write(temp, entries, model.savedAt());
                copyPermissions(target, temp);
                hook.beforeMove(temp);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (Throwable t) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException | RuntimeException d) {
                    t.addSuppressed(d);
                }
                throw t;
            }
        } catch (IOException e) {
            throw new IOException("Cannot save model file " + target + ": " + reason(e), e);
        }
        syncDirectory(dir);
    }

    private static Path createTemporaryFile(Path dir, Path target) throws IOException {
        String name = target.getFileName().toString();
        String prefix = "." + (name.length() > 100 ? name.substring(0, 100) : name) + "-";
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // Files.createTempFile alone gives rw-------; asking for rw-rw-rw- lets the umask decide, as for any
            // newly created file.
            return Files.createTempFile(dir, prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }

    /** An existing file keeps its permissions when it is replaced. */
    private static void copyPermissions(Path target, Path temp) throws IOException {
        if (Files.isRegularFile(target) && target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        }
    }

    private static void write(Path temp, Map<String, byte[]> entries, Instant savedAt) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            zip.setComment("DiffusionLab model file, format " + FORMAT + " version " + FORMAT_VERSION);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(savedAt.toEpochMilli());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
            out.flush();
            channel.force(true);
            zip.close();
        }
    }

    /** Makes the rename itself durable where the platform allows it (Linux does; elsewhere this is skipped). */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException ignored) {
            // Not supported on every platform; the file itself was forced before the rename.
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder (" + n.getFile() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + " (" + f.getFile() + ")";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** The entries of a model file, in the order they are written (manifest first). */
    static Map<String, byte[]> encode(SavedModel m) {
        DiffusionModel model = m.model();
        TrainingConfig c = model.config();
        DiffusionMlp net = model.network();
        MlpArchitecture preset = c.mlpArchitecture();
        if (!net.architecture().equals(preset)) {
            throw new IllegalArgumentException("Cannot save a model whose network (" + net.architecture()
                    + ") is not the architecture preset its config names (" + preset + ")");
        }
        int dims = org.diffusionlab.data.Datasets.dims(c.dataset());
        if (net.dims() != dims) {
            throw new IllegalArgumentException("Cannot save a model whose network takes " + net.dims()
                    + " dimensions while data set " + c.dataset() + " has " + dims);
        }
        FlatParameters params = net.parameters();
        String layout = layoutCsv(params.slots());
        String expectedLayout = layoutCsv(DiffusionMlp.layout(preset, dims, c.steps()).build(DataType.FLOAT).slots());
        if (!layout.equals(expectedLayout)) {
            throw new IllegalArgumentException("Cannot save a model whose parameter layout is not the one architecture '"
                    + preset.name() + "' implies");
        }
        float[] values = params.flat().castTo(DataType.FLOAT).toFloatVector();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("Cannot save a model with a non-finite parameter (parameter " + i
                        + " is " + values[i] + ")");
            }
        }

        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("formatVersion", Integer.toString(FORMAT_VERSION));
        manifest.put("createdBy", m.createdBy());
        manifest.put("savedAt", m.savedAt().toString());
        manifest.put("training.iterations", Long.toString(m.iterations()));
        manifest.put("training.seconds", Double.toString(m.trainingSeconds()));
        manifest.put("config.dataset", c.dataset());
        manifest.put("config.noiseStd", Double.toString(c.noiseStd()));
        manifest.put("config.steps", Integer.toString(c.steps()));
        manifest.put("config.schedule", c.schedule());
        manifest.put("config.beta1", Double.toString(c.beta1()));
        manifest.put("config.architecture", c.architecture());
        manifest.put("config.optimizer", c.optimizer().name());
        manifest.put("config.learningRate", Double.toString(c.learningRate()));
        manifest.put("config.batchSize", Integer.toString(c.batchSize()));
        manifest.put("config.seed", Long.toString(c.seed()));
        manifest.put("config.learnBeta", Boolean.toString(c.learnBeta()));
        manifest.put("config.holdoutSize", Integer.toString(c.holdoutSize()));
        manifest.put("schedule.name", model.schedule().name());
        manifest.put("network.architecture", preset.name());
        manifest.put("network.dims", Integer.toString(dims));
        manifest.put("network.parameterCount", Long.toString(values.length));
        manifest.put("network.dataType", DATA_TYPE);

        StringBuilder schedule = new StringBuilder(SCHEDULE_HEADER).append('\n');
        double[] betas = model.schedule().betas();
        for (int t = 1; t <= betas.length; t++) {
            schedule.append(t).append(',').append(Double.toString(betas[t - 1])).append('\n');
        }

        ByteBuffer bin = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bin.asFloatBuffer().put(values);

        StringBuilder history = new StringBuilder(HISTORY_HEADER).append('\n');
        for (HistoryPoint p : m.history()) {
            history.append(p.iteration()).append(',').append(Double.toString(p.seconds())).append(',')
                    .append(Double.toString(p.batchKBits())).append(',').append(Double.toString(p.holdoutKBits()))
                    .append('\n');
        }

        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MANIFEST, manifestText(manifest).getBytes(StandardCharsets.ISO_8859_1));
        entries.put(SCHEDULE, schedule.toString().getBytes(StandardCharsets.UTF_8));
        entries.put(LAYOUT, layout.getBytes(StandardCharsets.UTF_8));
        entries.put(PARAMETERS, bin.array());
        entries.put(HISTORY, history.toString().getBytes(StandardCharsets.UTF_8));
        if (org.diffusionlab.data.UserData.isId(c.dataset())) {
            // user data travel with the model, so the file opens on any machine
            entries.put(USER_DATA, org.diffusionlab.data.Datasets.user(c.dataset()).orElseThrow(() ->
                    new IllegalArgumentException("Cannot save: the user data set " + c.dataset() + " is not loaded"))
                    .csvBytes());
        }
        return entries;
    }

    /** Properties text in a fixed key order and without Properties.store's date comment (so equal models give equal entries). */
    static String manifestText(Map<String, String> manifest) {
        StringBuilder s = new StringBuilder("# DiffusionLab model file (format ").append(FORMAT).append(" version ")
                .append(FORMAT_VERSION).append("): see the README, section \"Model file format\"\n");
        for (Map.Entry<String, String> e : manifest.entrySet()) {
            s.append(escape(e.getKey(), true)).append('=').append(escape(e.getValue(), false)).append('\n');
        }
        return s.toString();
    }

    private static String escape(String text, boolean key) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> s.append("\\\\");
                case '\t' -> s.append("\\t");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\f' -> s.append("\\f");
                case '=', ':', '#', '!' -> s.append('\\').append(ch);
                case ' ' -> s.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        s.append(ch);
                    }
                }
            }
        }
        return s.toString();
    }

    static String layoutCsv(List<FlatParameters.Slot> slots) {
        StringBuilder s = new StringBuilder(LAYOUT_HEADER).append('\n');
        for (FlatParameters.Slot slot : slots) {
            StringBuilder shape = new StringBuilder();
            for (long d : slot.shape()) {
                if (!shape.isEmpty()) {
                    shape.append('x');
                }
                shape.append(d);
            }
            s.append(slot.name()).append(',').append(shape).append(',').append(slot.offset()).append(',')
                    .append(slot.length()).append('\n');
        }
        return s.toString();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Loading

    /**
     * Reads a model file. Every problem, whatever the bytes, is a {@link ModelFileException} whose message names the
     * file and says what is wrong.
     */
    public static SavedModel load(Path file) throws ModelFileException {
        Objects.requireNonNull(file, "file");
        try {
            return new Reader(file).read();
        } catch (ModelFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "it is corrupt (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /** Everything the manifest says, checked. */
    private record Header(TrainingConfig config, MlpArchitecture architecture, int dims, long parameterCount,
                          String scheduleName, String createdBy, Instant savedAt, long iterations,
                          double trainingSeconds) {
    }

    private static final class Reader {
        private final Path file;

        Reader(Path file) {
            this.file = file;
        }

        private ModelFileException fail(String reason) {
            return new ModelFileException(file, reason);
        }

        private ModelFileException fail(String reason, Throwable cause) {
            return new ModelFileException(file, reason, cause);
        }

        SavedModel read() throws ModelFileException {
            if (Files.isDirectory(file)) {
                throw fail("it is a folder, not a model file");
            }
            if (!Files.exists(file)) {
                throw fail(Files.notExists(file) ? "the file does not exist" : "the file cannot be accessed");
            }
            if (!Files.isRegularFile(file)) {
                throw fail("it is not a regular file");
            }
            InputStream raw;
            try {
                raw = Files.newInputStream(file);
            } catch (NoSuchFileException e) {
                throw fail("the file does not exist", e);
            } catch (AccessDeniedException e) {
                throw fail("it cannot be read (permission denied)", e);
            } catch (IOException e) {
                throw fail("it cannot be read (" + reason(e) + ")", e);
            }
            try (InputStream in = new BufferedInputStream(raw, 1 << 16)) {
                checkLooksLikeZip(in);
                checkCentralDirectory();
                return readZip(new ZipInputStream(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                // Closing failed, or a read error that is not about the ZIP structure.
                throw fail("it cannot be read (" + reason(e) + ")", e);
            }
        }

        private void checkLooksLikeZip(InputStream in) throws IOException, ModelFileException {
            in.mark(512);
            byte[] head = in.readNBytes(512);
            in.reset();
            if (head.length == 0) {
                throw fail("it is empty (0 bytes)");
            }
            boolean zipEntry = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
            if (zipEntry) {
                return;
            }
            byte[] magic = {'P', 'K', 3, 4};
            if (head.length < 4 && Arrays.equals(head, Arrays.copyOf(magic, head.length))) {
                throw fail("it is truncated or corrupt (only " + head.length + " bytes, the start of a ZIP archive)");
            }
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 5 && head[3] == 6) {
                throw fail("it is not a DiffusionLab model file (it is an empty ZIP archive: no manifest)");
            }
            if (looksLikeText(head)) {
                throw fail("it is not a DiffusionLab model file (it is not a ZIP archive; it looks like a text file)");
            }
            throw fail("it is not a DiffusionLab model file (it is not a ZIP archive)");
        }

        /**
         * The entries are read as a stream (which checks every CRC); this also requires the ZIP's central directory
         * at the end of the file, so that a file cut short anywhere is reported as truncated.
         */
        private void checkCentralDirectory() throws ModelFileException {
            if (file.getFileSystem() != FileSystems.getDefault()) {
                return;   // ZipFile needs a java.io.File; the stream's CRC checks still apply
            }
            try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
                if (zip.size() == 0) {
                    throw fail("it is truncated or corrupt (its ZIP directory lists no entries)");
                }
            } catch (ZipException e) {
                throw fail("it is truncated or corrupt (ZIP error: " + e.getMessage() + ")", e);
            } catch (IOException e) {
                throw zipError(e);
            }
        }

        private static boolean looksLikeText(byte[] head) {
            for (byte b : head) {
                int u = b & 0xff;
                if (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f' && u != 0x1b || u == 0x7f) {
                    return false;
                }
            }
            return true;
        }

        private SavedModel readZip(ZipInputStream zip) throws ModelFileException {
            ZipEntry first = nextEntry(zip);
            if (first == null) {
                throw fail("it is truncated or corrupt (its first ZIP entry cannot be read)");
            }
            if (!first.getName().equals(MANIFEST)) {
                throw fail("it is not a DiffusionLab model file (no manifest: its first entry is '" + first.getName()
                        + "', not " + MANIFEST + "; is it a ZIP made by another program?)");
            }
            Header header = parseManifest(readText(zip, MANIFEST, MAX_MANIFEST_BYTES));
            FlatParameters params = DiffusionMlp.layout(header.architecture(), header.dims(), header.config().steps())
                    .build(DataType.FLOAT);
            long expectedBytes = 4 * params.size();

            Map<String, byte[]> entries = new LinkedHashMap<>();
            long parameterBytes = -1;
            for (ZipEntry e = nextEntry(zip); e != null; e = nextEntry(zip)) {
                String name = e.getName();
                if (name.equals(MANIFEST) || entries.containsKey(name)) {
                    throw fail("it is corrupt (it has two entries named " + name + ")");
                }
                if (name.equals(PARAMETERS)) {
                    ByteArrayOutputStream kept = new ByteArrayOutputStream((int) Math.min(expectedBytes, 1 << 24));
                    parameterBytes = readEntry(zip, name, kept, expectedBytes, expectedBytes + MAX_TEXT_ENTRY_BYTES);
                    entries.put(name, kept.toByteArray());
                } else if (DATA_ENTRIES.contains(name) || name.equals(USER_DATA)) {
                    entries.put(name, readEntryFully(zip, name, MAX_TEXT_ENTRY_BYTES));
                } else {
                    readEntry(zip, name, OutputStream.nullOutputStream(), 0, MAX_TEXT_ENTRY_BYTES);  // CRC-checks it
                }
            }
            for (String required : DATA_ENTRIES) {
                if (!entries.containsKey(required)) {
                    throw fail("it has no " + required + " entry (the file is truncated or incomplete)");
                }
            }

            readUserData(header, entries.get(USER_DATA));
            checkLayout(header, text(entries.get(LAYOUT)), params);
            if (header.parameterCount() != params.size()) {
                throw fail("its manifest says the network has " + header.parameterCount() + " parameters, but "
                        + "architecture '" + header.architecture().name() + "' with T = " + header.config().steps()
                        + " has " + params.size() + " (the file is corrupt or from an incompatible version)");
            }
            if (parameterBytes != expectedBytes) {
                throw fail("its parameter data (" + PARAMETERS + ") has " + parameterBytes + " bytes, expected "
                        + expectedBytes + " (4 bytes for each of " + params.size() + " float32 parameters)");
            }
            float[] values = new float[(int) params.size()];
            ByteBuffer.wrap(entries.get(PARAMETERS)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw fail("parameter " + i + " (in " + slotAt(params, i) + ") in " + PARAMETERS + " is "
                            + values[i] + "; the file is corrupt");
                }
            }
            params.flat().assign(Nd4j.createFromArray(values));

            BetaSchedule schedule = parseSchedule(header, text(entries.get(SCHEDULE)));
            List<HistoryPoint> history = parseHistory(text(entries.get(HISTORY)));
            DiffusionMlp net = new DiffusionMlp(header.architecture(), header.dims(), header.config().steps(), params);
            DiffusionModel model = new DiffusionModel(header.config(), schedule, net);
            return new SavedModel(model, history, header.iterations(), header.trainingSeconds(), header.createdBy(),
                    header.savedAt());
        }

        /** Registers the user data a config names, after checking that the points are the ones it names. */
        private void readUserData(Header header, byte[] csv) throws ModelFileException {
            String id = header.config().dataset();
            if (!org.diffusionlab.data.UserData.isId(id)) {
                return;
            }
            if (csv == null) {
                throw fail("it names the user data set " + id + " but has no " + USER_DATA + " entry with its points");
            }
            org.diffusionlab.data.UserData data;
            try {
                data = org.diffusionlab.data.UserData.parseCsv(text(csv), USER_DATA);
            } catch (IllegalArgumentException e) {
                throw fail("its user data are unreadable: " + e.getMessage() + " (the file is corrupt)", e);
            }
            if (!data.id().equals(id)) {
                throw fail("its " + USER_DATA + " holds other points than the data set " + id
                        + " its config names (the file is corrupt)");
            }
            org.diffusionlab.data.Datasets.register(data);
        }

        private ZipEntry nextEntry(ZipInputStream zip) throws ModelFileException {
            try {
                return zip.getNextEntry();
            } catch (IOException e) {
                throw zipError(e);
            } catch (IllegalArgumentException e) {   // an entry name that is not valid UTF-8
                throw fail("it is truncated or corrupt (ZIP error: unreadable entry name: " + e.getMessage() + ")", e);
            }
        }

        private ModelFileException zipError(IOException e) {
            String detail = e.getMessage() != null ? e.getMessage()
                    : e instanceof EOFException ? "unexpected end of file" : e.getClass().getSimpleName();
            if (e instanceof ZipException || e instanceof EOFException) {
                return fail("it is truncated or corrupt (ZIP error: " + detail + ")", e);
            }
            return fail("it cannot be read (" + reason(e) + ")", e);
        }

        private byte[] readEntryFully(ZipInputStream zip, String name, long max) throws ModelFileException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            readEntry(zip, name, out, max, max);
            return out.toByteArray();
        }

        /**
         * Reads the current entry to its end (so that its CRC is checked), keeping its first {@code keep} bytes in
         * {@code out}; returns its length. Refuses an entry longer than {@code max} bytes.
         */
        private long readEntry(ZipInputStream zip, String name, OutputStream out, long keep, long max)
                throws ModelFileException {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            try {
                for (int n = zip.read(buf); n >= 0; n = zip.read(buf)) {
                    if (total < keep) {
                        out.write(buf, 0, (int) Math.min(n, keep - total));
                    }
                    total += n;
                    if (total > max) {
                        throw fail("its entry " + name + " is larger than " + max + " bytes (the file is corrupt)");
                    }
                }
            } catch (IOException e) {
                throw zipError(e);
            }
            return total;
        }

        private String readText(ZipInputStream zip, String name, long max) throws ModelFileException {
            return text(readEntryFully(zip, name, max));
        }

        private static String text(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        // --------------------------------------------------------------------------------------------------------

        private Header parseManifest(String text) throws ModelFileException {
            Properties p = new Properties();
            try {
                p.load(new java.io.StringReader(text));
            } catch (IOException | IllegalArgumentException e) {
                throw fail("its manifest cannot be parsed (" + e.getMessage() + "); the file is corrupt", e);
            }
            String format = p.getProperty("format");
            if (format == null) {
                throw fail("it is not a DiffusionLab model file (its manifest names no format)");
            }
            if (OTHER_KINDS.containsKey(format)) {
                throw fail("it is " + OTHER_KINDS.get(format) + ", not a model of 2-D points");
            }
            if (!format.equals(FORMAT)) {
                throw fail("it is not a DiffusionLab model file (its manifest says format '" + format
                        + "', expected '" + FORMAT + "')");
            }
            String versionText = p.getProperty("formatVersion");
            if (versionText == null) {
                throw fail("its manifest has no formatVersion; the file is corrupt");
            }
            int version;
            try {
                version = Integer.parseInt(versionText.trim());
            } catch (NumberFormatException e) {
                throw fail("its manifest's formatVersion '" + versionText + "' is not a whole number; the file is corrupt");
            }
            if (version > FORMAT_VERSION) {
                throw fail("it was written by a newer DiffusionLab (format version " + version + "; this version reads "
                        + FORMAT_VERSION + ")" + createdByNote(p));
            }
            if (version < 1) {
                throw fail("its format version " + version + " is invalid (versions start at 1); the file is corrupt");
            }

            Manifest m = new Manifest(p);
            String optimizerName = m.string("config.optimizer");
            OptimizerKind optimizer;
            try {
                optimizer = OptimizerKind.valueOf(optimizerName);
            } catch (IllegalArgumentException e) {
                throw fail("its config is invalid: optimizer must be one of " + Arrays.toString(OptimizerKind.values())
                        + ", got " + optimizerName);
            }
            TrainingConfig config;
            try {
                config = new TrainingConfig(m.string("config.dataset"), m.real("config.noiseStd"),
                        m.integer("config.steps"), m.string("config.schedule"), m.real("config.beta1"),
                        m.string("config.architecture"), optimizer, m.real("config.learningRate"),
                        m.integer("config.batchSize"), m.whole("config.seed"), m.bool("config.learnBeta"),
                        m.integer("config.holdoutSize"));
            } catch (IllegalArgumentException e) {
                throw fail("its config is invalid: " + e.getMessage(), e);
            }

            MlpArchitecture arch = config.mlpArchitecture();
            String netArch = m.string("network.architecture");
            if (!netArch.equals(arch.name())) {
                throw fail("its manifest says the network is architecture '" + netArch + "' but its config names '"
                        + config.architecture() + "' (the file is corrupt)");
            }
            int dims = org.diffusionlab.data.Datasets.dims(config.dataset());
            int fileDims = m.integer("network.dims");
            if (fileDims != dims) {
                throw fail("its network takes " + fileDims + " dimensions, but data set " + config.dataset() + " has "
                        + dims + " (the file is corrupt or from an incompatible version)");
            }
            String dataType = m.string("network.dataType");
            if (!dataType.equals(DATA_TYPE)) {
                throw fail("its parameters are stored as '" + dataType + "'; this version reads only " + DATA_TYPE);
            }
            long parameterCount = m.whole("network.parameterCount");
            long iterations = m.whole("training.iterations");
            if (iterations < 0) {
                throw fail("its manifest value training.iterations = " + iterations + " is negative; the file is corrupt");
            }
            double seconds = m.real("training.seconds");
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw fail("its manifest value training.seconds = " + seconds
                        + " is not a finite time of at least 0; the file is corrupt");
            }
            String savedAtText = m.string("savedAt");
            Instant savedAt;
            try {
                savedAt = Instant.parse(savedAtText);
            } catch (DateTimeParseException e) {
                throw fail("its manifest value savedAt = '" + savedAtText
                        + "' is not an ISO-8601 time such as 2025-01-31T12:00:00Z; the file is corrupt", e);
            }
            String createdBy = p.getProperty("createdBy", SavedModel.UNKNOWN_VERSION);
            String scheduleName = p.getProperty("schedule.name", config.schedule());
            return new Header(config, arch, dims, parameterCount, scheduleName, createdBy, savedAt, iterations, seconds);
        }

        private static String createdByNote(Properties p) {
            String by = p.getProperty("createdBy");
            return by == null || by.isBlank() || by.equals(SavedModel.UNKNOWN_VERSION) ? "" : "; it was saved by DiffusionLab " + by;
        }

        /** Typed manifest values with messages that name the key. */
        private final class Manifest {
            private final Properties p;

            Manifest(Properties p) {
                this.p = p;
            }

            String string(String key) throws ModelFileException {
                String v = p.getProperty(key);
                if (v == null) {
                    throw fail("its manifest has no value for " + key + "; the file is corrupt or incomplete");
                }
                return v;
            }

            private ModelFileException notA(String key, String v, String what) {
                return fail("its manifest value " + key + " = '" + v + "' is not " + what + "; the file is corrupt");
            }

            int integer(String key) throws ModelFileException {
                String v = string(key);
                try {
                    return Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    throw notA(key, v, "a whole number");
                }
            }

            long whole(String key) throws ModelFileException {
                String v = string(key);
                try {
                    return Long.parseLong(v.trim());
                } catch (NumberFormatException e) {
                    throw notA(key, v, "a whole number");
                }
            }

            double real(String key) throws ModelFileException {
                String v = string(key);
                try {
                    return Double.parseDouble(v.trim());
                } catch (NumberFormatException e) {
                    throw notA(key, v, "a number");
                }
            }

            boolean bool(String key) throws ModelFileException {
                String v = string(key).trim();
                if (v.equals("true") || v.equals("false")) {
                    return v.equals("true");
                }
                throw notA(key, v, "true or false");
            }
        }

        // --------------------------------------------------------------------------------------------------------

        private void checkLayout(Header h, String text, FlatParameters expected) throws ModelFileException {
            List<String> found = lines(text);
            List<String> wanted = lines(layoutCsv(expected.slots()));
            String where = "architecture '" + h.architecture().name() + "' with T = " + h.config().steps() + " and "
                    + h.dims() + " dimensions";
            String incompatible = " (the file was written by an incompatible version, or is corrupt)";
            if (found.isEmpty() || !found.get(0).equals(LAYOUT_HEADER)) {
                throw fail(LAYOUT + " does not start with the header '" + LAYOUT_HEADER + "'" + incompatible);
            }
            for (int i = 1; i < Math.max(found.size(), wanted.size()); i++) {
                String f = i < found.size() ? found.get(i) : null;
                String w = i < wanted.size() ? wanted.get(i) : null;
                if (!Objects.equals(f, w)) {
                    throw fail("its parameter layout (" + LAYOUT + ") does not match " + where + " in this version: "
                            + "line " + (i + 1) + " is " + (f == null ? "missing" : "'" + f + "'") + ", expected "
                            + (w == null ? "no more rows" : "'" + w + "'") + incompatible);
                }
            }
        }

        private static String slotAt(FlatParameters params, long index) {
            for (FlatParameters.Slot s : params.slots()) {
                if (index >= s.offset() && index < s.offset() + s.length()) {
                    return s.name();
                }
            }
            return "?";
        }

        private BetaSchedule parseSchedule(Header h, String text) throws ModelFileException {
            List<String> lines = lines(text);
            if (lines.isEmpty() || !lines.get(0).equals(SCHEDULE_HEADER)) {
                throw fail(SCHEDULE + " does not start with the header '" + SCHEDULE_HEADER + "'; the file is corrupt");
            }
            int steps = h.config().steps();
            if (lines.size() - 1 != steps) {
                throw fail(SCHEDULE + " has " + (lines.size() - 1) + " rows, expected T = " + steps
                        + "; the file is corrupt");
            }
            double[] betas = new double[steps];
            for (int t = 1; t <= steps; t++) {
                String line = lines.get(t);
                String[] f = line.split(",", -1);
                if (f.length != 2) {
                    throw fail(SCHEDULE + " line " + (t + 1) + " '" + line + "' does not have 2 fields; the file is corrupt");
                }
                if (!f[0].trim().equals(Integer.toString(t))) {
                    throw fail(SCHEDULE + " line " + (t + 1) + " has t = '" + f[0] + "', expected " + t
                            + "; the file is corrupt");
                }
                double b;
                try {
                    b = Double.parseDouble(f[1].trim());
                } catch (NumberFormatException e) {
                    throw fail(SCHEDULE + " line " + (t + 1) + ": beta_" + t + " = '" + f[1] + "' is not a number; the file is corrupt");
                }
                if (!(b > 0 && b < 1)) {
                    throw fail("beta_" + t + " = " + b + " in " + SCHEDULE + " is outside (0, 1)");
                }
                betas[t - 1] = b;
            }
            return BetaSchedule.of(h.scheduleName(), betas);
        }

        private List<HistoryPoint> parseHistory(String text) throws ModelFileException {
            List<String> lines = lines(text);
            if (lines.isEmpty() || !lines.get(0).equals(HISTORY_HEADER)) {
                throw fail(HISTORY + " does not start with the header '" + HISTORY_HEADER + "'; the file is corrupt");
            }
            List<HistoryPoint> points = new ArrayList<>(lines.size() - 1);
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                String[] f = line.split(",", -1);
                if (f.length != 4) {
                    throw fail(HISTORY + " line " + (i + 1) + " '" + line + "' does not have 4 fields; the file is corrupt");
                }
                try {
                    points.add(new HistoryPoint(Long.parseLong(f[0].trim()), Double.parseDouble(f[1].trim()),
                            Double.parseDouble(f[2].trim()), Double.parseDouble(f[3].trim())));
                } catch (NumberFormatException e) {
                    throw fail(HISTORY + " line " + (i + 1) + " '" + line + "' is not four numbers; the file is corrupt");
                }
            }
            return points;
        }

        /** The lines of a text entry: \n or \r\n ends, one final line end optional. */
        private static List<String> lines(String text) {
            List<String> out = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
                out.remove(out.size() - 1);
            }
            out.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
            return out;
        }
    }
}
