package org.sda.engine.library;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sda.engine.inference.ToyModel;
import org.sda.engine.model.SdaManifest;

/** Small real model files (random weights) with the dataset and quantiser settings a test needs. */
public final class FakeModels {

    private FakeModels() {
    }

    public static SdaManifest manifest(String name, List<String> tags, int files, double seconds, String folder,
                                       int levels, int codebookSize, String created) {
        return new SdaManifest(SdaManifest.FORMAT_VERSION, name, tags, created,
                new SdaManifest.Audio(22050, 512, 128, 40),
                new SdaManifest.Vq(levels, codebookSize, 8, 2, SdaManifest.Vq.LINEAR, List.of()),
                new SdaManifest.Dataset(files, seconds, files <= 20 ? "small" : "medium", List.of(), List.of(folder)),
                new SdaManifest.Training(10, 100, 0.5, 0, 0.5, 0.6, "epoch limit",
                        List.of(new SdaManifest.LevelHealth(0, 0.8, 30, 2), new SdaManifest.LevelHealth(1, 0.2, 8, 40))),
                null, null);
    }

    public static Path write(Path file, SdaManifest manifest) throws IOException {
        return new ToyModel(manifest, 1).write(file);
    }
}
