package org.sda.engine.dataset;

/**
 * Hears about import progress. Called from the import's worker threads, possibly concurrently:
 * implementations must be thread-safe and quick.
 */
public interface ImportListener {

    ImportListener NONE = new ImportListener() {
    };

    /** The scan found {@code fileCount} candidate files. */
    default void scanned(int fileCount) {
    }

    /** One file is done (decoded, cached, or skipped). */
    default void fileDone(FileReport report, boolean fromCache) {
    }
}
