package org.sda.engine.inference;

/**
 * What the quantiser made of a latent sequence.
 *
 * @param codes code indices {@code [levels][T']}, level 0 the coarsest
 * @param latent the quantised latent {@code [T'][codeDim]}: the sum of the chosen code vectors
 *     over the levels
 */
public record Quantized(long[][] codes, float[][] latent) {

    public int levels() {
        return codes.length;
    }

    public int frames() {
        return latent.length;
    }
}
