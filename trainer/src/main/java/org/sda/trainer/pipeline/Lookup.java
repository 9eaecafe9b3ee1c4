package org.sda.trainer.pipeline;

/** How the quantiser finds the nearest code. */
public enum Lookup {
    /** By cosine similarity (codes and latents normalised): the default, which keeps codebooks alive. */
    COSINE,
    /** By euclidean distance. */
    EUCLIDEAN
}
