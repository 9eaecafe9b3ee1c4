package org.sda.engine.training;

/** Which network an event is about: a run trains the RVQ-VAE, then (unless told not to) its prior. */
public enum Stage {
    /** The RVQ-VAE: encoder, quantiser and decoder. Its events carry no {@code stage} field. */
    VQVAE,
    /** The autoregressive prior over the frozen codes. Its events carry {@code "stage":"prior"}. */
    PRIOR
}
