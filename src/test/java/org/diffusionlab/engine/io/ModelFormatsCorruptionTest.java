package org.diffusionlab.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.diffusionlab.engine.binomial.BinomialConfig;
import org.diffusionlab.engine.binomial.BinomialModel;
import org.diffusionlab.engine.binomial.BinomialModelFile;
import org.diffusionlab.engine.binomial.Parameterisation;
import org.diffusionlab.engine.binomial.SavedBinomialModel;
import org.diffusionlab.engine.image.ConvArchitecture;
import org.diffusionlab.engine.image.ImageDiffusionModel;
import org.diffusionlab.engine.image.ImageModelFile;
import org.diffusionlab.engine.image.ImageTrainer;
import org.diffusionlab.engine.image.ImageTrainingConfig;
import org.diffusionlab.engine.image.SavedImageModel;
import org.diffusionlab.engine.train.HistoryPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every damage case against every model-file format (2-D points, image, binomial): each is refused with a
 * {@link ModelFileException} whose message names the file and the cause, and nothing hangs. Random byte flips may hit
 * a field nothing reads (a time stamp in a ZIP header): such a file may load, but only as the very same model
 * (re-saving it gives the original bytes); those count as accepted. The counts per format are printed at the end.
 */
class ModelFormatsCorruptionTest {

    /** A hang guard only: every case takes well under a second. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final Instant SAVED_AT = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    static Path dir;

    /** One model-file format as the suite sees it. */
    enum Format {
        POINTS("diffusionlab-model", true) {
            @Override
            void saveSample(Path file) throws IOException {
                ModelFile.save(file, ModelFixtures.model());
            }

            @Override
            Object load(Path file) throws ModelFileException {
                return ModelFile.load(file);
            }

            @Override
            void resave(Object loaded, Path file) throws IOException {
                ModelFile.save(file, (SavedModel) loaded);
            }
        },
        IMAGE("diffusionlab-image-model", true) {
            @Override
            void saveSample(Path file) throws IOException {
                ImageTrainingConfig c = new ImageTrainingConfig("deadleaves", 8, 12, "linear", 1e-3,
                        new ConvArchitecture(4, 1, new int[] {1, 2}, 6, 3), 1e-3, 8, 6, 4);
                ImageDiffusionModel m = ImageDiffusionModel.untrained(c, 0.5, 0.3, false);
                double[] p = m.network().parameters().toDoubleArray();
                Random rng = new Random(6);
                for (int i = 0; i < p.length; i++) {
                    p[i] += 0.3 * rng.nextGaussian();
                }
                m.network().parameters().setFrom(p);
                ImageModelFile.save(file, new SavedImageModel(m, List.of(new ImageTrainer.HistoryPoint(10, 1.5, -0.25,
                        Double.NaN), new ImageTrainer.HistoryPoint(20, 3.0, 0.1, 0.05)), 20, 3.0, "test", SAVED_AT));
            }

            @Override
            Object load(Path file) throws ModelFileException {
                return ImageModelFile.load(file);
            }

            @Override
            void resave(Object loaded, Path file) throws IOException {
                ImageModelFile.save(file, (SavedImageModel) loaded);
            }
        },
        BINOMIAL("diffusionlab-binomial-model", false) {
            @Override
            void saveSample(Path file) throws IOException {
                BinomialConfig c = BinomialConfig.heartbeat().withSteps(50)
                        .withNetwork("sigmoid:7,5", 3, Parameterisation.LOGIT_OFFSET).withSeed(42);
                BinomialModel m = BinomialModel.untrained(c);
                double[] p = m.network().parameters().toDoubleArray();
                for (int i = 0; i < p.length; i++) {
                    p[i] = (float) Math.sin(i + 0.5);
                }
                m.network().parameters().setFrom(p);
                BinomialModelFile.save(file, new SavedBinomialModel(m, List.of(new HistoryPoint(10, 0.5, -9.25,
                        Double.NaN), new HistoryPoint(20, 1.25, -4.5, -4.75)), 20, 1.25, "test", SAVED_AT));
            }

            @Override
            Object load(Path file) throws ModelFileException {
                return BinomialModelFile.load(file);
            }

            @Override
            void resave(Object loaded, Path file) throws IOException {
                BinomialModelFile.save(file, (SavedBinomialModel) loaded);
            }
        };

        final String format;
        final boolean hasSchedule;

        Format(String format, boolean hasSchedule) {
            this.format = format;
            this.hasSchedule = hasSchedule;
        }

        abstract void saveSample(Path file) throws IOException;

        abstract Object load(Path file) throws ModelFileException;

        abstract void resave(Object loaded, Path file) throws IOException;
    }

    /** What a damage case does to a good file's bytes (or to the path itself), and what the refusal must say. */
    record Damage(String name, Change change, boolean flip, String... causes) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Change {
        /** Writes the damaged file at {@code target} from the good one. */
        void make(Format format, Sample good, Path target) throws Exception;
    }

    /** A format's good file: its bytes and its entries. */
    record Sample(byte[] bytes, Map<String, byte[]> entries) {
    }

    private static final Map<Format, Sample> GOOD = new LinkedHashMap<>();
    /** Per format: cases, refused, accepted (only byte flips may be accepted, and only as the same model). */
    private static final Map<Format, AtomicIntegerArray> COUNTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void saveGoodFiles() throws Exception {
        for (Format f : Format.values()) {
            Path file = dir.resolve("good-" + f.name().toLowerCase(Locale.ROOT) + ".dlab");
            f.saveSample(file);
            byte[] bytes = Files.readAllBytes(file);
            GOOD.put(f, new Sample(bytes, ModelFixtures.entries(bytes)));
            COUNTS.put(f, new AtomicIntegerArray(3));
        }
    }

    @AfterAll
    static void printCounts() {
        StringBuilder s = new StringBuilder("Model-file corruption suite (format: cases run, refused, accepted;"
                + " a case skipped where it cannot be made here, e.g. no read permission when run as root):");
        for (Format f : Format.values()) {
            AtomicIntegerArray c = COUNTS.get(f);
            s.append(String.format(Locale.ROOT, "%n  %-9s %4d cases, %4d refused, %3d accepted (byte flips in fields"
                    + " nothing reads, loading the very same model)", f.name().toLowerCase(Locale.ROOT), c.get(0),
                    c.get(1), c.get(2)));
        }
        System.out.println(s);
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Format f : Format.values()) {
            for (Damage d : damages(f)) {
                all.add(Arguments.of(f, d));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void everyDamagedFileIsRefusedNamingTheFileAndTheCause(Format format, Damage damage) throws Exception {
        Path file = dir.resolve(format.name().toLowerCase(Locale.ROOT) + "-" + damage.name().replaceAll("[^a-zA-Z0-9]+", "-")
                + ".dlab");
        damage.change().make(format, GOOD.get(format), file);
        AtomicIntegerArray counts = COUNTS.get(format);
        counts.incrementAndGet(0);
        Object loaded;
        try {
            loaded = assertTimeoutPreemptively(HANG_GUARD, () -> {
                try {
                    return format.load(file);
                } catch (ModelFileException e) {
                    return e;
                }
            }, "loading " + file + " hung");
        } catch (RuntimeException e) {
            fail("loading let " + e + " escape", e);
            return;
        }
        if (loaded instanceof ModelFileException e) {
            counts.incrementAndGet(1);
            String message = e.getMessage();
            String prefix = "Cannot open model file " + file.toAbsolutePath().normalize() + ": ";
            assertTrue(message.startsWith(prefix) && message.length() > prefix.length() + 10,
                    "the message names the file and a cause: " + message);
            for (String cause : damage.causes()) {
                assertTrue(message.contains(cause), "'" + message + "' should say '" + cause + "'");
            }
            assertTrue(!message.contains("Exception") || message.contains("ZIP error"),
                    "plain words, not an exception's name: " + message);
            return;
        }
        assertTrue(damage.flip(), damage.name() + " must be refused, but " + file + " loaded");
        Path again = dir.resolve("resaved.dlab");
        format.resave(loaded, again);
        assertArrayEquals(GOOD.get(format).bytes(), Files.readAllBytes(again),
                "a damaged file that loads must be the very same model");
        counts.incrementAndGet(2);
    }

    // ------------------------------------------------------------------------------------------------------------
    // The damage cases

    private static List<Damage> damages(Format format) {
        List<Damage> d = new ArrayList<>();
        // Truncations: 1 to 100 bytes off the end, and cuts at 24 places spread over the file.
        for (int k = 1; k <= 100; k++) {
            int cut = k;
            d.add(new Damage("cut " + k + " bytes off the end", bytes(g -> Arrays.copyOf(g, g.length - cut)), false,
                    "truncated or corrupt"));
        }
        for (int i = 1; i <= 24; i++) {
            int part = i;
            d.add(new Damage("cut to " + i + "/25 of its length", bytes(g -> Arrays.copyOf(g, g.length * part / 25)),
                    false, "truncated or corrupt"));
        }
        d.add(new Damage("extra bytes appended", bytes(g -> concat(g, "trailing garbage".getBytes(StandardCharsets.UTF_8))),
                false, "truncated or corrupt", "bytes are missing or were added"));
        // Byte flips: seeded single and multiple flips anywhere.
        for (int i = 0; i < 40; i++) {
            long seed = 1000L * format.ordinal() + i;
            d.add(new Damage("byte flips, seed " + seed, bytes(g -> {
                Random rng = new Random(seed);
                byte[] b = g.clone();
                int flips = 1 + rng.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    int at = rng.nextInt(b.length);
                    b[at] ^= (byte) (1 + rng.nextInt(255));
                }
                return b;
            }), true));
        }
        d.add(new Damage("a flipped byte in the middle", bytes(g -> {
            byte[] b = g.clone();
            b[b.length / 2] ^= 0x5a;
            return b;
        }), false, "corrupt"));
        // Not a model at all.
        d.add(new Damage("empty file", bytes(g -> new byte[0]), false, "it is empty (0 bytes)"));
        d.add(new Damage("zero bytes", bytes(g -> new byte[4096]), false, "not a DiffusionLab model file", "not a ZIP"));
        d.add(new Damage("random bytes", bytes(g -> {
            byte[] b = new byte[5000];
            new Random(3).nextBytes(b);
            b[0] = 7;
            return b;
        }), false, "not a DiffusionLab model file", "not a ZIP"));
        d.add(new Damage("a text file", bytes(g -> "t,beta\n1,0.001\n".getBytes(StandardCharsets.UTF_8)), false,
                "looks like a text file"));
        d.add(new Damage("a foreign ZIP archive", entries(e -> {
            Map<String, byte[]> m = new LinkedHashMap<>();
            m.put("readme.txt", utf8("hello"));
            m.put("photo.jpg", new byte[] {1, 2, 3});
            return m;
        }), false, "not a DiffusionLab model file", "no manifest"));
        d.add(new Damage("an empty ZIP archive", entries(e -> new LinkedHashMap<>()), false, "no manifest"));
        d.add(new Damage("a ZIP with a foreign manifest", entries(e -> {
            Map<String, byte[]> m = new LinkedHashMap<>();
            m.put(ModelArchive.MANIFEST, utf8("name=something\nversion=2\n"));
            return m;
        }), false, "names no format"));
        d.add(new Damage("another kind of model file", (f, g, target) -> {
            Format other = Format.values()[(f.ordinal() + 1) % Format.values().length];
            Files.write(target, GOOD.get(other).bytes());
        }, false, "it is ", ", not "));
        // Inconsistent manifests.
        d.add(new Damage("formatVersion=abc", manifest("formatVersion", "abc"), false,
                "formatVersion 'abc' is not a whole number"));
        d.add(new Damage("formatVersion=99", manifest("formatVersion", "99"), false,
                // the 2-D model file reads version 2 (a full-covariance kernel), the others 1
                "newer DiffusionLab (format version 99; this version reads "));
        d.add(new Damage("formatVersion=0", manifest("formatVersion", "0"), false, "format version 0 is invalid"));
        d.add(new Damage("another format name", manifest("format", "something-else"), false,
                "not a DiffusionLab model file", "format 'something-else'"));
        d.add(new Damage("parameter count 9e18", manifest("network.parameterCount", "9000000000000000000"), false,
                "says the network has 9000000000000000000 parameters"));
        d.add(new Damage("parameter count abc", manifest("network.parameterCount", "abc"), false,
                "network.parameterCount = 'abc' is not a whole number"));
        d.add(new Damage("parameters stored as float64", manifest("network.dataType", "float64"), false,
                "stored as 'float64'"));
        d.add(new Damage("training seconds NaN", manifest("training.seconds", "NaN"), false,
                "training.seconds = 'NaN' is not a finite number"));
        d.add(new Damage("learning rate Infinity", manifest("config.learningRate", "Infinity"), false,
                "config.learningRate = 'Infinity' is not a finite number"));
        d.add(new Damage("negative iterations", manifest("training.iterations", "-5"), false,
                "training.iterations = -5 is negative"));
        d.add(new Damage("savedAt not a time", manifest("savedAt", "yesterday"), false, "savedAt = 'yesterday'",
                "ISO-8601"));
        d.add(new Damage("T = -3", manifest("config.steps", "-3"), false, "invalid"));
        d.add(new Damage("a key missing", entry(ModelArchive.MANIFEST, m -> utf8(text(m)
                .replaceFirst("training.iterations=[^\n]*\n", ""))), false, "no value for training.iterations"));
        d.add(new Damage("an unparseable manifest", entry(ModelArchive.MANIFEST, m -> concat(m,
                utf8("broken=\\u00zz\n"))), false, "manifest cannot be parsed"));
        d.add(new Damage("a duplicate history.csv entry", duplicate(HistoryEntry.NAME), false,
                "two entries named history.csv"));
        d.add(new Damage("a duplicate manifest", duplicate(ModelArchive.MANIFEST), false,
                "two entries named manifest.properties"));
        d.add(new Damage("the manifest not first", entries(e -> {
            Map<String, byte[]> m = new LinkedHashMap<>(e);
            byte[] manifest = m.remove(ModelArchive.MANIFEST);
            m.put(ModelArchive.MANIFEST, manifest);
            return m;
        }), false, "no manifest"));
        for (String name : List.of(ParameterEntries.PARAMETERS, ParameterEntries.LAYOUT, HistoryEntry.NAME)) {
            d.add(new Damage("no " + name, entries(e -> {
                Map<String, byte[]> m = new LinkedHashMap<>(e);
                m.remove(name);
                return m;
            }), false, "no " + name + " entry"));
        }
        // Weights.
        d.add(new Damage("parameters.bin 6 bytes short", entry(ParameterEntries.PARAMETERS,
                p -> Arrays.copyOf(p, p.length - 6)), false, "(parameters.bin) has"));
        d.add(new Damage("parameters.bin 4 bytes long", entry(ParameterEntries.PARAMETERS,
                p -> Arrays.copyOf(p, p.length + 4)), false, "(parameters.bin) has"));
        d.add(new Damage("a NaN weight", weight(7, Float.NaN), false, "parameter 7 (in ", "is NaN"));
        d.add(new Damage("an infinite weight", weight(-1, Float.POSITIVE_INFINITY), false, "is Infinity"));
        d.add(new Damage("a weight of 3e38", weight(3, 3e38f), false, "is 3.0E38", "far beyond any trained weight"));
        d.add(new Damage("a weight of -1e20", weight(-2, -1e20f), false, "far beyond any trained weight"));
        d.add(new Damage("every weight 1e12 (finite, within bounds, overflowing together)", entry(ParameterEntries.PARAMETERS,
                p -> {
                    ByteBuffer b = ByteBuffer.wrap(p.clone()).order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i < p.length / 4; i++) {
                        b.putFloat(4 * i, (i % 2 == 0 ? 1 : -1) * 1e12f);
                    }
                    return b.array();
                }), false, "its network gives"));
        d.add(new Damage("a layout of another network", entry(ParameterEntries.LAYOUT, l -> utf8(text(l)
                .replaceFirst("\n([^,\n]+),", "\n$1x,"))), false, "layout (layout.csv) does not match"));
        // Tables.
        d.add(new Damage("a history row with Infinity", entry(HistoryEntry.NAME, h -> utf8(text(h)
                + "30,4.0,Infinity,1.0\n")), false, "history.csv line ", "infinite"));
        d.add(new Damage("a history row of words", entry(HistoryEntry.NAME, h -> utf8(text(h) + "7,x,1,2\n")), false,
                "history.csv line ", "is not four numbers"));
        if (format.hasSchedule) {
            d.add(new Damage("beta_3 = 1.5", entry(ScheduleEntry.NAME, s -> replaceLine(s, 3, "3,1.5")), false,
                    "beta_3 = 1.5 in schedule.csv is outside (0, 1)"));
            d.add(new Damage("beta_2 = NaN", entry(ScheduleEntry.NAME, s -> replaceLine(s, 2, "2,NaN")), false,
                    "beta_2 = NaN in schedule.csv is outside (0, 1)"));
            d.add(new Damage("a schedule row missing", entry(ScheduleEntry.NAME, s -> utf8(text(s)
                    .replaceFirst("\n[^\n]*\n$", "\n"))), false, "schedule.csv has", "rows, expected T ="));
        }
        // What is not a readable regular file.
        d.add(new Damage("a folder", (f, g, target) -> Files.createDirectory(target), false, "it is a folder"));
        d.add(new Damage("no such file", (f, g, target) -> { }, false, "the file does not exist"));
        d.add(new Damage("a named pipe", (f, g, target) -> {
            assumeTrue(mkfifo(target), "mkfifo is not available here");
        }, false, "not a regular file"));
        d.add(new Damage("no read permission", (f, g, target) -> {
            Files.write(target, g.bytes());
            assumeTrue(target.getFileSystem().supportedFileAttributeViews().contains("posix"));
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("-w-------"));
            assumeTrue(!Files.isReadable(target), "this user reads any file (root)");
        }, false, "permission denied"));
        return d;
    }

    private static boolean mkfifo(Path target) {
        try {
            Process p = new ProcessBuilder("mkfifo", target.toString()).redirectErrorStream(true).start();
            return p.waitFor() == 0 && Files.exists(target) && !Files.isRegularFile(target);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Helpers that build damaged files

    @FunctionalInterface
    interface BytesChange {
        byte[] apply(byte[] good) throws Exception;
    }

    @FunctionalInterface
    interface EntriesChange {
        Map<String, byte[]> apply(Map<String, byte[]> good) throws Exception;
    }

    private static Change bytes(BytesChange change) {
        return (f, g, target) -> Files.write(target, change.apply(g.bytes()));
    }

    private static Change entries(EntriesChange change) {
        return (f, g, target) -> Files.write(target, ModelFixtures.zip(change.apply(g.entries())));
    }

    private static Change entry(String name, BytesChange change) {
        return entries(e -> {
            Map<String, byte[]> m = new LinkedHashMap<>(e);
            m.put(name, change.apply(m.get(name)));
            return m;
        });
    }

    private static Change manifest(String key, String value) {
        return entry(ModelArchive.MANIFEST, m -> ModelFixtures.withManifestValue(m, key, value));
    }

    /** A weight set to {@code value}; a negative index counts from the end. */
    private static Change weight(int index, float value) {
        return entry(ParameterEntries.PARAMETERS, p -> {
            byte[] q = p.clone();
            int at = index >= 0 ? index : q.length / 4 + index;
            ByteBuffer.wrap(q).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 * at, value);
            return q;
        });
    }

    /**
     * The same entry twice (ZipOutputStream refuses that): written under a look-alike name of the same length, then
     * renamed in the bytes; a name is covered by no CRC.
     */
    private static Change duplicate(String name) {
        return (f, g, target) -> {
            String twin = name.substring(0, name.length() - 1) + "~";
            Map<String, byte[]> m = new LinkedHashMap<>(g.entries());
            m.put(twin, m.get(name));
            byte[] zip = ModelFixtures.zip(m);
            byte[] from = twin.getBytes(StandardCharsets.UTF_8);
            byte[] to = name.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i + from.length <= zip.length; i++) {
                if (Arrays.equals(zip, i, i + from.length, from, 0, from.length)) {
                    System.arraycopy(to, 0, zip, i, to.length);
                }
            }
            Files.write(target, zip);
        };
    }

    private static byte[] replaceLine(byte[] csv, int line, String with) {
        String[] lines = text(csv).split("\n", -1);
        lines[line] = with;
        return utf8(String.join("\n", lines));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
