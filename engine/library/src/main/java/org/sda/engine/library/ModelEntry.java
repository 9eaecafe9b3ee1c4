package org.sda.engine.library;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sda.engine.model.CodebookVerdict;
import org.sda.engine.model.SdaManifest;

/**
 * One model as the library lists it: what its manifest says, with the name and tags the user gave it.
 * Immutable.
 *
 * @param id the index's key; 0 for an entry not yet indexed
 * @param file where the model file is now (in the library's models folder, or in its trash)
 * @param created when the model was trained, ISO-8601 ({@code 2026-01-02T03:04:05Z}); the file's
 *     time when the manifest has none
 * @param folders the dataset's sources (files and folders training was given)
 * @param health codebook use per level at the end of training, coarse first; empty when unknown
 * @param bytes the model file's size
 * @param trashed whether the model is in the trash (deleted, undoable until the trash is emptied)
 */
public record ModelEntry(long id, Path file, String name, List<String> tags, String created, int fileCount,
                         double seconds, String sizeClass, List<String> folders, int levels, int codebookSize,
                         List<SdaManifest.LevelHealth> health, String contentHash, long bytes, boolean trashed) {

    public ModelEntry {
        tags = List.copyOf(tags);
        folders = List.copyOf(folders);
        health = List.copyOf(health);
    }

    /** The plain-words verdict of the worst level; empty when training recorded no health. */
    public Optional<CodebookVerdict> verdict() {
        return CodebookVerdict.overall(health);
    }

    ModelEntry withId(long newId) {
        return new ModelEntry(newId, file, name, tags, created, fileCount, seconds, sizeClass, folders, levels,
                codebookSize, health, contentHash, bytes, trashed);
    }
}
