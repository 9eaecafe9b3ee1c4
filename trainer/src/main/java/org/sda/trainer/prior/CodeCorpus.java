package org.sda.trainer.prior;

import java.util.ArrayList;
import java.util.List;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.generate.TokenLayout;
import org.sda.engine.inference.VqVaeRuntime;

/**
 * The frozen codes of a dataset, as the model's own encoder and quantiser (in ONNX Runtime) give
 * them: per sound {@code [levels][T']}, for training and validation. Immutable.
 *
 * @param train codes of the training sounds
 * @param validation codes of the validation sounds (may be empty)
 * @param codebookSize codes per level
 */
public record CodeCorpus(List<long[][]> train, List<long[][]> validation, int codebookSize) {

    public CodeCorpus {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training sounds to learn codes from");
        }
    }

    /** Encodes every clip with the model's encoder and quantiser. */
    public static CodeCorpus encode(VqVaeRuntime runtime, List<ImportedClip> train, List<ImportedClip> validation) {
        return new CodeCorpus(codes(runtime, train), codes(runtime, validation),
                runtime.manifest().vq().codebookSize());
    }

    private static List<long[][]> codes(VqVaeRuntime runtime, List<ImportedClip> clips) {
        List<long[][]> out = new ArrayList<>();
        for (ImportedClip clip : clips) {
            out.add(runtime.codes(runtime.encode(clip.logMel())));
        }
        return out;
    }

    public int levels() {
        return train.get(0).length;
    }

    /** Code frames over the training sounds. */
    public long trainFrames() {
        return train.stream().mapToLong(c -> c[0].length).sum();
    }

    public int[] trainStream(TokenLayout layout) {
        return layout.stream(train);
    }

    /** The validation stream, or the training stream when there are no validation sounds. */
    public int[] validationStream(TokenLayout layout) {
        return validation.isEmpty() ? layout.stream(train) : layout.stream(validation);
    }
}
