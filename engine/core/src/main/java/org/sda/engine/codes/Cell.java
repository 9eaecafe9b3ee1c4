package org.sda.engine.codes;

/**
 * One cell of a grid: a code index, and optionally a second code it is blended with in embedding
 * space. The latent of the cell on its level is {@code (1 - weight) * e[code] + weight * e[blendCode]};
 * with weight 0 (no blend) the blend code is meaningless and is stored as {@code code}.
 *
 * @param code the code index, {@code 0 <= code < codebookSize}
 * @param blendCode the code blended in; equal to {@code code} when {@code weight == 0}
 * @param weight the blend weight in {@code [0, 1]}
 */
public record Cell(int code, int blendCode, float weight) {

    public Cell {
        if (!(weight >= 0f && weight <= 1f)) {
            throw new IllegalArgumentException("blend weight must be in [0, 1]: " + weight);
        }
        if (weight == 0f) {
            blendCode = code;
            weight = 0f; // -0.0 and 0.0 are one weight
        }
    }

    /** A plain cell holding one code. */
    public static Cell of(int code) {
        return new Cell(code, code, 0f);
    }

    public boolean blended() {
        return weight != 0f;
    }
}
