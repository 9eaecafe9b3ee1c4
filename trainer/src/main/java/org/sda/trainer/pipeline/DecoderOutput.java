package org.sda.trainer.pipeline;

import org.sda.trainer.vqvae.VqVaeConfig;

/** What the decoder predicts. */
public enum DecoderOutput {
    /** Log STFT magnitude, one channel per bin. */
    LINEAR(VqVaeConfig.LINEAR),
    /** Log mel magnitude, turned into linear magnitude when sounds are played. */
    MEL(VqVaeConfig.MEL);

    private final String manifestName;

    DecoderOutput(String manifestName) {
        this.manifestName = manifestName;
    }

    /** The name the model's manifest and the checkpoint carry. */
    public String manifestName() {
        return manifestName;
    }
}
