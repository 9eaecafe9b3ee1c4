package org.sda.engine.audio;

import java.io.IOException;
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
final class AtomicFileWrite {

    /** Writes the content of a new file at the given path, which does not exist yet. */
    @FunctionalInterface
    interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFileWrite() {}

    /** Runs {@code writer} against a temporary sibling of {@code target}, then swaps it in. */
    static void replace(Path target, Writer writer) throws IOException {
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
    static String temporaryName(Path target) {
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
