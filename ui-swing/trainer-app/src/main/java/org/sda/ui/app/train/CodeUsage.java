package org.sda.ui.app.train;

import java.nio.file.Path;
import java.util.List;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

/**
 * How often each code of each level is chosen on a set of sounds: the codebook usage heatmap's data.
 * Runs the model's encoder and quantiser (ONNX Runtime); slow, so never on the EDT.
 */
final class CodeUsage {

    private CodeUsage() {
    }

    /** Counts {@code [levels][codebookSize]} over every code frame of {@code clips}. */
    static long[][] count(Path modelFile, List<ImportedClip> clips) throws ModelFileException {
        SdaModel model = SdaModelFile.read(modelFile);
        int levels = model.manifest().vq().levels();
        int size = model.manifest().vq().codebookSize();
        long[][] counts = new long[levels][size];
        try (VqVaeRuntime runtime = VqVaeRuntime.open(model)) {
            for (ImportedClip clip : clips) {
                long[][] codes = runtime.codes(runtime.encode(clip.logMel()));
                for (int l = 0; l < Math.min(levels, codes.length); l++) {
                    for (long code : codes[l]) {
                        if (code >= 0 && code < size) {
                            counts[l][(int) code]++;
                        }
                    }
                }
            }
        }
        return counts;
    }
}
