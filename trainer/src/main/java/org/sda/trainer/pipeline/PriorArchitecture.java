package org.sda.trainer.pipeline;

import org.sda.engine.model.SdaManifest;

/** The prior's network. */
public enum PriorArchitecture {
    /** Chosen by dataset size (measured: a GRU up to 20 sounds, a transformer above). */
    AUTO(null),
    TRANSFORMER(SdaManifest.Prior.TRANSFORMER),
    GRU(SdaManifest.Prior.GRU);

    private final String manifestName;

    PriorArchitecture(String manifestName) {
        this.manifestName = manifestName;
    }

    /** The manifest's name for it; {@code null} for {@link #AUTO}. */
    public String manifestName() {
        return manifestName;
    }
}
