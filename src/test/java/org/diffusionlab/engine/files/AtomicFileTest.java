package org.diffusionlab.engine.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one atomic save: permissions, failures, and the clean-up of its own leftovers only. */
class AtomicFileTest {

    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void aNewFileGetsThePermissionsOfAnyNewFileNotThoseOfATemporaryFile() throws Exception {
        assumeTrue(posix(dir));
        Path plain = Files.createFile(dir.resolve("plain.txt"));   // what the umask gives an ordinary new file
        Path saved = dir.resolve("export.csv");
        AtomicFile.writeText(saved, w -> w.write("a,b\n1,2\n"));
        assertEquals("a,b\n1,2\n", Files.readString(saved));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(saved));
        assertTrue(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)).startsWith("rw-"));
        assertEquals(List.of("export.csv", "plain.txt"), listing());
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws Exception {
        assumeTrue(posix(dir));
        Path f = dir.resolve("m.png");
        AtomicFile.writeStream(f, null, out -> out.write(1));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.writeStream(f, null, out -> out.write(2));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(f));
        assertEquals(2, Files.readAllBytes(f)[0]);
    }

    @Test
    void aFailedSaveKeepsTheOldFileRemovesItsTemporaryFileAndNamesTheFile() throws Exception {
        Path f = dir.resolve("keep.csv");
        Files.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.writeText(f, w -> {
            w.write("half");
            throw new IOException("No space left on device");
        }));
        assertEquals("Cannot write " + f + ": No space left on device", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("keep.csv"), listing());

        IOException named = assertThrows(IOException.class, () -> AtomicFile.write(dir.resolve("no/such/m.dlab"),
                "model file", temp -> { }));
        assertTrue(named.getMessage().startsWith("Cannot save model file " + dir.resolve("no/such/m.dlab")),
                named.getMessage());
        assertTrue(named.getMessage().contains("does not exist"), named.getMessage());
    }

    @Test
    void theTemporaryFileSitsBesideTheTargetUnderItsOwnPattern() throws Exception {
        Path f = dir.resolve("x.dlab");
        Path[] seen = new Path[1];
        AtomicFile.write(f, null, temp -> Files.writeString(temp, "x"), temp -> seen[0] = temp);
        assertEquals(dir, seen[0].getParent());
        assertTrue(seen[0].getFileName().toString().matches(
                "\\.x\\.dlab\\.diffusionlab-" + ProcessHandle.current().pid() + "-[0-9a-f]{16}\\.tmp"), seen[0].toString());
        assertFalse(Files.exists(seen[0]));
    }

    @Test
    void staleLeftoversOfItsOwnPatternAreRemovedOnTheNextSaveAndNothingElse() throws Exception {
        long deadPid = deadPid();
        Path killed = Files.writeString(dir.resolve(".x.dlab.diffusionlab-" + deadPid + "-0123456789abcdef.tmp"), "k");
        Path old = Files.writeString(dir.resolve(".y.csv.diffusionlab-" + ProcessHandle.current().parent()
                .map(ProcessHandle::pid).orElse(1L) + "-00000000000000ff.tmp"), "o");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3 * 86_400)));
        // A save in progress in another live process, and other programs' files, are left alone.
        Path live = Files.writeString(dir.resolve(".z.dlab.diffusionlab-" + ProcessHandle.current().parent()
                .map(ProcessHandle::pid).orElse(1L) + "-fedcba9876543210.tmp"), "l");
        Path other1 = Files.writeString(dir.resolve(".x.dlab-12345.tmp"), "someone else's");
        Path other2 = Files.writeString(dir.resolve("notes.diffusionlab-1-0123456789abcdef.tmp"), "not hidden");
        Path other3 = Files.writeString(dir.resolve(".x.dlab.diffusionlab-" + deadPid + "-0123.tmp"), "short");

        AtomicFile.writeText(dir.resolve("x.dlab"), w -> w.write("new"));

        assertFalse(Files.exists(killed));
        assertFalse(Files.exists(old));
        for (Path kept : List.of(live, other1, other2, other3)) {
            assertTrue(Files.exists(kept), kept + " is kept");
        }
    }

    /** A process id that no running process has. */
    private static long deadPid() {
        for (long pid = 4_000_000; ; pid--) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }
}
