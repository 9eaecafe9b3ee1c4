package org.sda.engine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.ImportListener;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.inference.VqVaeRuntime;

/** What the generation benchmarks share: importing a set and encoding it to codes with a model. */
final class BenchSupport {

    private BenchSupport() {
    }

    static Dataset importSet(ImportOptionsMixin importOptions, List<Path> paths) throws InterruptedException {
        Dataset dataset = importOptions.importer().importFrom(paths, ImportListener.NONE);
        if (dataset.clips().isEmpty()) {
            throw new BenchInputException("no usable sounds in " + paths + " (sda dataset inspect says why)");
        }
        return dataset;
    }

    /** Code grids {@code [levels][T']} of the clips, by the model's own encoder and quantiser. */
    static List<long[][]> codes(VqVaeRuntime runtime, List<ImportedClip> clips) {
        List<long[][]> out = new ArrayList<>();
        for (ImportedClip clip : clips) {
            out.add(runtime.codes(runtime.encode(clip.logMel())));
        }
        return out;
    }

    static List<float[][]> logMels(List<ImportedClip> clips) {
        return clips.stream().map(ImportedClip::logMel).toList();
    }
}
