package org.sda.engine.codes;

/**
 * A run of grid frames with its own storage, or a view into another chunk's storage. Never
 * written after it is made, so any number of grids (and threads) share it.
 *
 * <p>Storage is level-major, {@code [levels][capacity]}: the blend arrays are null when no cell of
 * the storage is blended, which keeps an unedited grid at four bytes a cell.
 */
final class Chunk {

    private final int[][] codes;
    private final int[][] blendCodes;
    private final float[][] weights;
    private final int offset;
    final int length;

    Chunk(int[][] codes, int[][] blendCodes, float[][] weights, int offset, int length) {
        this.codes = codes;
        this.blendCodes = blendCodes;
        this.weights = weights;
        this.offset = offset;
        this.length = length;
    }

    int code(int level, int i) {
        return codes[level][offset + i];
    }

    int blendCode(int level, int i) {
        return blendCodes == null ? codes[level][offset + i] : blendCodes[level][offset + i];
    }

    float weight(int level, int i) {
        return weights == null ? 0f : weights[level][offset + i];
    }

    Cell cell(int level, int i) {
        return weights == null ? Cell.of(code(level, i))
                : new Cell(code(level, i), blendCode(level, i), weight(level, i));
    }

    boolean hasBlend() {
        if (weights != null) {
            for (float[] row : weights) {
                for (int i = offset; i < offset + length; i++) {
                    if (row[i] != 0f) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The frames {@code [from, to)} of this chunk, sharing its storage. */
    Chunk slice(int from, int to) {
        return from == 0 && to == length ? this : new Chunk(codes, blendCodes, weights, offset + from, to - from);
    }
}
