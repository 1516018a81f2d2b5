package org.diffusionlab.engine.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way DiffusionLab saves a file (model files, exports, CLI outputs, schedules, PNGs): the content goes to a hidden temporary file beside the target, is forced to
 * disk, and is then renamed over the target in one step. Either the complete new file is there afterwards, or (on
 * any failure) the old file is untouched and the temporary file is gone.
 *
 * <p>A new file gets the permissions of any newly created file (what the umask leaves of rw-rw-rw-, typically
 * rw-r--r--), not the rw------- of {@link Files#createTempFile}; a replaced file keeps its permissions.
 *
 * <p>Temporary files are named {@code .<name>.diffusionlab-<pid>-<16 hex digits>.tmp}. A process killed while saving
 * leaves one behind; the next save into the same folder deletes those of that pattern whose process has ended (or that
 * are over a day old), and never touches any other file.
 */
public final class AtomicFile {
    // A package of its own that depends on nothing else in the project, so that every layer (data, engine, cli,
    // app) can use it without a package cycle.

    /** Writes the whole content to the given temporary file (which exists, empty). */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporaryFile) throws IOException;
    }

    /** Writes the whole content to a stream. */
    @FunctionalInterface
    public interface StreamContent {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the whole text. */
    @FunctionalInterface
    public interface TextContent {
        void writeTo(Writer out) throws IOException;
    }

    /** Runs on the complete temporary file just before it replaces the target (tests use it to fail a save there). */
    public interface BeforeMove {
        void run(Path temporaryFile) throws IOException;
    }

    private static final Pattern OUR_TEMPORARY = Pattern.compile("\\..+\\.diffusionlab-(\\d+)-[0-9a-f]{16}\\.tmp");
    /** A leftover older than this is stale even if a process of its id runs (ids are reused). */
    private static final Duration ABANDONED = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Temporary files this process is writing now: not stale, whatever their age. */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

    private AtomicFile() {
    }

    /** Saves {@code file} atomically; a failure is an IOException "Cannot write FILE: reason". */
    public static void write(Path file, Content content) throws IOException {
        write(file, null, content, temp -> { });
    }

    /** As {@link #write(Path, Content)}; a failure says "Cannot save WHAT FILE: reason" (e.g. "model file"). */
    public static void write(Path file, String what, Content content) throws IOException {
        write(file, what, content, temp -> { });
    }

    /** Saves a stream's content atomically (buffered). */
    public static void writeStream(Path file, String what, StreamContent content) throws IOException {
        write(file, what, temp -> {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                content.writeTo(out);
            }
        });
    }

    /** Saves UTF-8 text atomically, through a large buffer (tables of hundreds of thousands of rows). */
    public static void writeText(Path file, TextContent content) throws IOException {
        write(file, null, temp -> {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8),
                    1 << 16)) {
                content.writeTo(w);
            }
        });
    }

    /** As {@link #write(Path, String, Content)}, running {@code hook} on the complete file before the rename. */
    public static void write(Path file, String what, Content content, BeforeMove hook) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        Path target = file.toAbsolutePath().normalize();
        String failure = "Cannot " + (what == null ? "write " : "save " + what + " ") + target + ": ";
        Path dir = target.getParent();
        if (dir == null || target.getFileName() == null) {
            throw new IOException(failure + "it names no file");
        }
        if (!Files.exists(dir)) {
            throw new IOException(failure + "the folder " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(failure + dir + " is not a folder");
        }
        if (Files.isDirectory(target)) {
            throw new IOException(failure + "a folder of that name exists");
        }
        removeStaleTemporaryFiles(dir);
        Path temp = null;
        try {
            temp = createTemporaryFile(dir, target);
            content.writeTo(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            hook.run(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(temp, e);
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new IOException(failure + reason(io), io);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        } finally {
            if (temp != null) {
                IN_PROGRESS.remove(temp);
            }
        }
        syncDirectory(dir);
    }

    /** The plain-words reason of an I/O failure, naming the path it concerns when that is known. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder (" + n.getFile() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static Path createTemporaryFile(Path dir, Path target) throws IOException {
        String name = target.getFileName().toString();
        String stem = name.length() > 100 ? name.substring(0, 100) : name;
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        // Asking for rw-rw-rw- lets the umask decide, as for any newly created file.
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-"))}
                : new FileAttribute<?>[0];
        for (int attempt = 0; ; attempt++) {
            byte[] bits = new byte[8];
            RANDOM.nextBytes(bits);
            Path temp = dir.resolve("." + stem + ".diffusionlab-" + ProcessHandle.current().pid() + "-"
                    + HexFormat.of().formatHex(bits) + ".tmp");
            IN_PROGRESS.add(temp);
            try {
                Files.createFile(temp, attributes);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                IN_PROGRESS.remove(temp);
                if (attempt < 10) {
                    continue;
                }
                throw e;
            } catch (IOException | RuntimeException e) {
                IN_PROGRESS.remove(temp);
                throw e;
            }
            if (posix && Files.isRegularFile(target)) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            }
            return temp;
        }
    }

    /**
     * Deletes leftovers of saves into {@code dir} that were killed before their rename: files of this class's
     * pattern whose process has ended, or that are over a day old. Best effort: a failure here never fails a save.
     */
    static void removeStaleTemporaryFiles(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.diffusionlab-*.tmp")) {
            for (Path f : files) {
                Matcher m = OUR_TEMPORARY.matcher(f.getFileName().toString());
                if (m.matches() && isStale(f, m.group(1))) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // Leftovers stay until the next save; the save itself is unaffected.
        }
    }

    private static boolean isStale(Path f, String pidText) throws IOException {
        if (IN_PROGRESS.contains(f.toAbsolutePath().normalize()) || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Instant modified = Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant();
        if (modified.isBefore(Instant.now().minus(ABANDONED))) {
            return true;
        }
        long pid;
        try {
            pid = Long.parseLong(pidText);
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == ProcessHandle.current().pid()) {
            return true;   // ours, and not in progress: a save of this process that was cut short
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static void deleteQuietly(Path temp, Throwable failure) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException d) {
            failure.addSuppressed(d);
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
}
