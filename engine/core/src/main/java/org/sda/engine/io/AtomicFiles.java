package org.sda.engine.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file all at once: readers of the target see either the old file or the complete
 * new one, never a half-written mix, and a crash part-way leaves the old file in place.
 *
 * <p>The content goes to a hidden temporary file in the target's own directory (a rename is only
 * atomic within one file system), is flushed to the disk with fsync, and is then renamed over
 * the target with {@link StandardCopyOption#ATOMIC_MOVE}. On any failure the temporary file is
 * deleted and the target is untouched.
 *
 * <p>The temporary file is created by the writer (or by libsndfile) with ordinary permissions,
 * not through {@link Files#createTempFile}, whose owner-only permissions would otherwise carry
 * over to the finished file.
 */
public final class AtomicFiles {

    /** Writes the content of a new file at the given path, which does not exist yet. */
    @FunctionalInterface
    public interface PathWriter {
        void writeTo(Path temporary) throws IOException;
    }

    /** Writes the content of a new file to a stream (closed by the caller). */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Like {@link #replace} for content produced as a stream. */
    public static void write(Path target, StreamWriter writer) throws IOException {
        replace(target, temporary -> {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
                writer.writeTo(out);
            }
        });
    }

    /** Runs {@code writer} against a temporary sibling of {@code target}, then swaps it in. */
    public static void replace(Path target, PathWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IOException(target + ": directory does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException(target + ": is a directory");
        }
        Path temporary = directory.resolve(temporaryName(absolute));
        boolean done = false;
        try {
            writer.writeTo(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(target + ": file system cannot replace files atomically", e);
            }
            done = true;
            syncDirectory(directory);
        } finally {
            if (!done) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** A name that cannot collide with a concurrent write of the same target. */
    public static String temporaryName(Path target) {
        long nonce = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        return "." + target.getFileName() + "." + Long.toString(nonce, 36) + ".part";
    }

    /**
     * Makes the rename itself durable. Only some platforms allow opening a directory for this;
     * where they do not, the rename is still atomic, just not yet on disk, so failure is ignored.
     */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Best effort by design; see the method comment.
        }
    }
}
