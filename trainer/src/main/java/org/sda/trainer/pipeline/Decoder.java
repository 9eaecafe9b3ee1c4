package org.sda.trainer.pipeline;

import org.sda.trainer.vqvae.VqVaeConfig;

/** The decoder's architecture. */
public enum Decoder {
    /** Dilated residual convolution blocks (the first decoder, the default). */
    CONV(VqVaeConfig.CONV),
    /** ConvNeXt blocks (Vocos); measured level with conv at equal steps (docs/BENCHMARKS.md). */
    CONVNEXT(VqVaeConfig.CONVNEXT);

    private final String manifestName;

    Decoder(String manifestName) {
        this.manifestName = manifestName;
    }

    /** The name the model's manifest ({@code vq.decoder}) and the checkpoint carry. */
    public String manifestName() {
        return manifestName;
    }
}
