package org.diffusionlab.engine.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.diffusionlab.engine.files.AtomicFile;

/**
 * The container every DiffusionLab model file shares, whatever its kind ({@link ModelKind}): a ZIP archive whose
 * first entry is {@code manifest.properties} (naming the format and its version), then the kind's entries.
 *
 * <p>Writing is atomic ({@link AtomicFile}); entries carry the save time so that equal models give equal bytes.
 *
 * <p>Reading refuses, with a {@link ModelFileException} that names the file and the cause in plain words: anything
 * that is not a regular file (checked before opening, so a named pipe cannot block the reader), an empty or foreign
 * file, a file cut short anywhere (the ZIP's central directory at its end is required), an entry whose CRC-32 does
 * not match its data, a local entry that disagrees with the central directory (name, CRC-32, size), two entries of one
 * name, a first entry other than the manifest, a format of another kind, and a format version that is newer than
 * this reader or not a whole number. The kind's schema then checks the manifest's values and the entries.
 */
public final class ModelArchive {

    public static final String MANIFEST = "manifest.properties";

    private static final long MAX_MANIFEST_BYTES = 1L << 20;
    private static final long MAX_ENTRY_BYTES = 256L << 20;
    /** All entries together: the largest shipped model holds 4 MB; this bounds what a damaged file can make us hold. */
    private static final long MAX_TOTAL_BYTES = 512L << 20;
    private static final int MAX_ENTRIES = 1000;
    /** The length of a ZIP's end-of-central-directory record without its comment. */
    private static final int END_RECORD = 22;

    private ModelArchive() {
    }

    /** A model file read and checked as far as the container goes. */
    public static final class Contents {
        private final Path file;
        private final Manifest manifest;
        private final int formatVersion;
        private final Map<String, byte[]> entries;

        Contents(Path file, Manifest manifest, int formatVersion, Map<String, byte[]> entries) {
            this.file = file;
            this.manifest = manifest;
            this.formatVersion = formatVersion;
            this.entries = Collections.unmodifiableMap(entries);
        }

        public Path file() {
            return file;
        }

        public Manifest manifest() {
            return manifest;
        }

        public int formatVersion() {
            return formatVersion;
        }

        /** A refusal of this file with the given reason. */
        public ModelFileException fail(String reason) {
            return new ModelFileException(file, reason);
        }

        public ModelFileException fail(String reason, Throwable cause) {
            return new ModelFileException(file, reason, cause);
        }

        /** The entries other than the manifest, in file order. */
        public Map<String, byte[]> entries() {
            return entries;
        }

        public Optional<byte[]> optionalEntry(String name) {
            return Optional.ofNullable(entries.get(name));
        }

        /** A required entry. */
        public byte[] entry(String name) throws ModelFileException {
            byte[] b = entries.get(name);
            if (b == null) {
                throw fail("it has no " + name + " entry (the file is truncated or incomplete)");
            }
            return b;
        }

        /** A required entry as UTF-8 text. */
        public String text(String name) throws ModelFileException {
            return new String(entry(name), StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Writing

    /**
     * Saves the manifest and the entries (in order) atomically; a failure is an IOException "Cannot save model file
     * FILE: reason" and leaves any existing file as it was.
     */
    public static void write(Path file, ManifestWriter manifest, Map<String, byte[]> entries, Instant savedAt)
            throws IOException {
        write(file, manifest, entries, savedAt, temp -> { });
    }

    static void write(Path file, ManifestWriter manifest, Map<String, byte[]> entries, Instant savedAt,
                      AtomicFile.BeforeMove hook) throws IOException {
        Objects.requireNonNull(manifest, "manifest");
        if (entries.containsKey(MANIFEST)) {
            throw new IllegalArgumentException("the manifest is written from the ManifestWriter, not as an entry");
        }
        byte[] manifestBytes = manifest.bytes();
        String comment = "DiffusionLab model file, format " + manifest.values().get("format") + " version "
                + manifest.values().get("formatVersion");
        AtomicFile.write(file, "model file", temp -> {
            try (ZipOutputStream zip = new ZipOutputStream(
                    new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), StandardCharsets.UTF_8)) {
                zip.setComment(comment);
                putEntry(zip, MANIFEST, manifestBytes, savedAt);
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    putEntry(zip, e.getKey(), e.getValue(), savedAt);
                }
            }
        }, hook);
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] data, Instant savedAt) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(savedAt.toEpochMilli());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reading

    /**
     * Reads and checks the container of a model file that should be of the given kind, in a version up to
     * {@code newestVersion}.
     */
    public static Contents read(Path file, ModelKind kind, int newestVersion) throws ModelFileException {
        Objects.requireNonNull(file, "file");
        try {
            checkIsReadableFile(file);
            List<ZipEntry> directory = centralDirectory(file);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                return readStream(file, in, directory, kind, newestVersion);
            }
        } catch (ModelFileException e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw new ModelFileException(file, "it cannot be read (permission denied)", e);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "the file does not exist", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "it cannot be read (" + AtomicFile.reason(e) + ")", e);
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "it is corrupt (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /**
     * Reads a model from a stream (a model shipped on the class path), with every check but the central directory's;
     * {@code label} names it in messages.
     */
    public static Contents read(InputStream in, Path label, ModelKind kind, int newestVersion) throws ModelFileException {
        try {
            return readStream(label, new BufferedInputStream(in, 1 << 16), null, kind, newestVersion);
        } catch (IOException e) {
            throw new ModelFileException(label, "it cannot be read (" + AtomicFile.reason(e) + ")", e);
        } catch (RuntimeException e) {
            throw new ModelFileException(label, "it is corrupt (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /**
     * The kind of model a file holds, judged from its manifest alone; empty for anything else (including what is not
     * a regular file, which is never opened). Never throws: loading the file then gives the reason.
     */
    public static Optional<ModelKind> kindOf(Path file) {
        if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file);
             ZipInputStream zip = new ZipInputStream(new BufferedInputStream(in), StandardCharsets.UTF_8)) {
            ZipEntry first = zip.getNextEntry();
            if (first == null || !MANIFEST.equals(first.getName())) {
                return Optional.empty();
            }
            byte[] bytes = zip.readNBytes((int) MAX_MANIFEST_BYTES);
            return Optional.ofNullable(Manifest.parse(file, bytes).optional("format").orElse(null))
                    .flatMap(ModelKind::ofFormat);
        } catch (IOException | RuntimeException | ModelFileException e) {
            return Optional.empty();
        }
    }

    private static void checkIsReadableFile(Path file) throws ModelFileException {
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file, "it is a folder, not a model file");
        }
        if (!Files.exists(file)) {
            throw new ModelFileException(file, Files.notExists(file) ? "the file does not exist"
                    : "the file cannot be accessed (permission denied on its folder?)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "it is not a regular file (a device, pipe or socket cannot be a model file)");
        }
        if (!Files.isReadable(file)) {
            throw new ModelFileException(file, "it cannot be read (permission denied)");
        }
    }

    /**
     * The ZIP's central directory, which sits at the end of the file: reading it makes a file cut short anywhere a
     * refusal. Empty where the file system has no java.io.File (the stream's checks still apply).
     */
    private static List<ZipEntry> centralDirectory(Path file) throws IOException, ModelFileException {
        checkMagic(file);
        checkNothingAfterTheEnd(file);
        if (file.getFileSystem() != FileSystems.getDefault()) {
            return null;
        }
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            List<ZipEntry> list = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                list.add(e.nextElement());
                if (list.size() > MAX_ENTRIES) {
                    throw new ModelFileException(file, "it is not a DiffusionLab model file (its ZIP archive has over "
                            + MAX_ENTRIES + " entries)");
                }
            }
            if (list.isEmpty()) {
                throw new ModelFileException(file, "it is not a DiffusionLab model file (it is an empty ZIP archive: no manifest)");
            }
            return list;
        } catch (ZipException | EOFException e) {
            throw zipError(file, e);
        }
    }

    /** Recognises empty, text, and other non-ZIP files before the ZIP readers see them. */
    private static void checkMagic(Path file) throws IOException, ModelFileException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        }
        if (head.length == 0) {
            throw new ModelFileException(file, "it is empty (0 bytes)");
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return;
        }
        byte[] magic = {'P', 'K', 3, 4};
        if (head.length < 4 && Arrays.equals(head, Arrays.copyOf(magic, head.length))) {
            throw new ModelFileException(file, "it is truncated or corrupt (only " + head.length
                    + " bytes, the start of a ZIP archive)");
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 5 && head[3] == 6) {
            throw new ModelFileException(file, "it is not a DiffusionLab model file (it is an empty ZIP archive: no manifest)");
        }
        if (looksLikeText(head)) {
            throw new ModelFileException(file,
                    "it is not a DiffusionLab model file (it is not a ZIP archive; it looks like a text file)");
        }
        throw new ModelFileException(file, "it is not a DiffusionLab model file (it is not a ZIP archive)");
    }

    /**
     * The ZIP's end record (its last 22 bytes plus its comment) must end the file: bytes after it mean the file was
     * damaged (e.g. two files joined), even though a ZIP reader would skip them.
     */
    private static void checkNothingAfterTheEnd(Path file) throws IOException, ModelFileException {
        long size = Files.size(file);
        int tailLength = (int) Math.min(size, END_RECORD + 0xFFFF);
        byte[] tail = new byte[tailLength];
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            ch.position(size - tailLength);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(tail);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // reads the whole tail
            }
        }
        for (int at = tailLength - END_RECORD; at >= 0; at--) {
            if (tail[at] == 'P' && tail[at + 1] == 'K' && tail[at + 2] == 5 && tail[at + 3] == 6) {
                int commentLength = (tail[at + 20] & 0xff) | (tail[at + 21] & 0xff) << 8;
                if (at + END_RECORD + commentLength == tailLength) {
                    return;
                }
            }
        }
        throw new ModelFileException(file, "it is truncated or corrupt (the end of its ZIP archive is not the end of"
                + " the file: bytes are missing or were added)");
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

    private static Contents readStream(Path file, InputStream in, List<ZipEntry> directory, ModelKind kind,
                                       int newestVersion) throws IOException, ModelFileException {
        ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
        ZipEntry first = nextEntry(file, zip);
        if (first == null) {
            throw new ModelFileException(file, "it is not a DiffusionLab model file (not a ZIP archive, or an empty one)");
        }
        if (!first.getName().equals(MANIFEST)) {
            throw new ModelFileException(file, "it is not a DiffusionLab model file (no manifest: its first entry is '"
                    + first.getName() + "', not " + MANIFEST + "; is it a ZIP made by another program?)");
        }
        Manifest manifest = Manifest.parse(file, readEntry(file, zip, first, MAX_MANIFEST_BYTES));
        int version = checkFormat(manifest, kind, newestVersion);

        List<ZipEntry> seen = new ArrayList<>(List.of(first));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        for (ZipEntry e = nextEntry(file, zip); e != null; e = nextEntry(file, zip)) {
            String name = e.getName();
            if (name.equals(MANIFEST) || entries.containsKey(name)) {
                throw new ModelFileException(file, "it is corrupt (it has two entries named " + name + ")");
            }
            if (seen.size() >= MAX_ENTRIES) {
                throw new ModelFileException(file, "it is corrupt (over " + MAX_ENTRIES + " entries)");
            }
            byte[] data = readEntry(file, zip, e, Math.min(MAX_ENTRY_BYTES, MAX_TOTAL_BYTES - total));
            total += data.length;
            entries.put(name, data);
            seen.add(e);
        }
        if (directory != null) {
            matchCentralDirectory(file, seen, directory);
        }
        return new Contents(file, manifest, version, entries);
    }

    /** Checks the manifest's format and version; returns the version. */
    private static int checkFormat(Manifest manifest, ModelKind kind, int newestVersion) throws ModelFileException {
        String format = manifest.optional("format").map(String::trim).orElse(null);
        if (format == null) {
            throw manifest.fail("it is not a DiffusionLab model file (its manifest names no format)");
        }
        Optional<ModelKind> found = ModelKind.ofFormat(format);
        if (found.isEmpty()) {
            throw manifest.fail("it is not a DiffusionLab model file (its manifest says format '" + format
                    + "', expected '" + kind.format() + "')");
        }
        if (found.get() != kind) {
            throw manifest.fail("it is " + found.get().description() + ", not " + kind.shortName());
        }
        String versionText = manifest.optional("formatVersion").orElse(null);
        if (versionText == null) {
            throw manifest.fail("its manifest has no formatVersion; the file is corrupt");
        }
        int version;
        try {
            version = Integer.parseInt(versionText.trim());
        } catch (NumberFormatException e) {
            throw manifest.fail("its manifest's formatVersion '" + versionText + "' is not a whole number; the file is corrupt");
        }
        if (version > newestVersion) {
            String by = manifest.optional("createdBy").orElse("");
            throw manifest.fail("it was written by a newer DiffusionLab (format version " + version
                    + "; this version reads " + newestVersion + ")"
                    + (by.isBlank() || by.equals(SavedModel.UNKNOWN_VERSION) ? "" : "; it was saved by DiffusionLab " + by));
        }
        if (version < 1) {
            throw manifest.fail("its format version " + version + " is invalid (versions start at 1); the file is corrupt");
        }
        return version;
    }

    /** The entries as read must be the ones the central directory lists, with the same CRC-32 and sizes. */
    private static void matchCentralDirectory(Path file, List<ZipEntry> read, List<ZipEntry> directory)
            throws ModelFileException {
        if (read.size() != directory.size()) {
            throw new ModelFileException(file, "it is corrupt (its ZIP directory lists " + directory.size()
                    + " entries, but " + read.size() + " were found)");
        }
        for (int i = 0; i < read.size(); i++) {
            ZipEntry r = read.get(i);
            ZipEntry d = directory.get(i);
            if (!r.getName().equals(d.getName()) || r.getCrc() != d.getCrc() || r.getSize() != d.getSize()) {
                throw new ModelFileException(file, "it is corrupt (entry " + r.getName()
                        + " does not match the ZIP directory's record of it)");
            }
        }
    }

    private static ZipEntry nextEntry(Path file, ZipInputStream zip) throws ModelFileException {
        try {
            return zip.getNextEntry();
        } catch (IOException e) {
            throw zipError(file, e);
        } catch (IllegalArgumentException e) {   // an entry name that is not valid UTF-8
            throw new ModelFileException(file, "it is truncated or corrupt (ZIP error: unreadable entry name: "
                    + e.getMessage() + ")", e);
        }
    }

    /** Reads an entry to its end, so that its CRC-32 is checked; refuses one longer than {@code max} bytes. */
    private static byte[] readEntry(Path file, ZipInputStream zip, ZipEntry entry, long max) throws ModelFileException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try {
            for (int n = zip.read(buf); n >= 0; n = zip.read(buf)) {
                total += n;
                if (total > max) {
                    throw new ModelFileException(file, "its entry " + entry.getName() + " is larger than " + max
                            + " bytes (the file is corrupt)");
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw zipError(file, e);
        }
        return out.toByteArray();
    }

    private static ModelFileException zipError(Path file, IOException e) {
        String detail = e.getMessage() != null ? e.getMessage()
                : e instanceof EOFException ? "unexpected end of file" : e.getClass().getSimpleName();
        if (e instanceof ZipException || e instanceof EOFException) {
            return new ModelFileException(file, "it is truncated or corrupt (ZIP error: " + detail + ")", e);
        }
        return new ModelFileException(file, "it cannot be read (" + AtomicFile.reason(e) + ")", e);
    }
}
