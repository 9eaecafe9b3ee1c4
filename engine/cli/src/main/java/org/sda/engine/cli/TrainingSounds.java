package org.sda.engine.cli;

import java.nio.file.Path;
import java.util.List;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.model.SdaModel;

/** The sounds a model was trained on, for the {@code sda model} commands that measure or keep something of them. */
final class TrainingSounds {

    private TrainingSounds() {
    }

    /** Why the sounds cannot be had, in words for the command's error line. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * Imports {@code paths} (or, when there are none, the folders the manifest records) at the model's
     * rate, with a progress bar, and returns the training split (every clip when the set is too small to
     * split).
     */
    static List<ImportedClip> of(SdaModel model, List<Path> paths, ImportOptionsMixin importOptions)
            throws Unavailable, InterruptedException {
        List<Path> sounds = paths != null && !paths.isEmpty() ? paths
                : model.manifest().dataset().sources().stream().map(Path::of).toList();
        if (sounds.isEmpty()) {
            throw new Unavailable(model.file() + " does not record where its sounds are; give them after the model");
        }
        importOptions.sampleRate = model.manifest().audio().sampleRate();
        Dataset dataset = DatasetInspectCommand.importWithProgress(importOptions, sounds);
        List<ImportedClip> train = dataset.train().isEmpty() ? dataset.clips() : dataset.train();
        if (train.isEmpty()) {
            throw new Unavailable("no usable sounds in " + sounds + " (sda dataset inspect says why)");
        }
        return train;
    }
}
