package org.sda.engine.codes;

/**
 * Fills fresh storage for a run of frames and cuts it into chunks of at most
 * {@link CodeGrid#CHUNK_FRAMES}. Single use, single thread; the chunks it builds are immutable
 * because nothing keeps the arrays once {@link #build} has returned.
 */
final class ChunkBuilder {

    private final int levels;
    private final int frames;
    private final int[][] codes;
    private int[][] blendCodes;
    private float[][] weights;

    ChunkBuilder(int levels, int frames) {
        this.levels = levels;
        this.frames = frames;
        this.codes = new int[levels][frames];
    }

    void set(int level, int frame, Cell cell) {
        codes[level][frame] = cell.code();
        if (cell.blended()) {
            if (weights == null) {
                blendCodes = new int[levels][];
                weights = new float[levels][frames];
                for (int l = 0; l < levels; l++) {
                    blendCodes[l] = codes[l].clone(); // unblended cells keep blend code = code
                }
            }
            blendCodes[level][frame] = cell.blendCode();
            weights[level][frame] = cell.weight();
        } else if (weights != null) {
            blendCodes[level][frame] = cell.code();
            weights[level][frame] = 0f;
        }
    }

    Chunk[] build() {
        if (blendCodes != null) {
            // Cells set before the first blend were copied when the blend arrays were made; cells
            // set after it wrote both. Either way an unblended cell's blend code is its code.
            for (int l = 0; l < levels; l++) {
                for (int t = 0; t < frames; t++) {
                    if (weights[l][t] == 0f) {
                        blendCodes[l][t] = codes[l][t];
                    }
                }
            }
        }
        int n = Math.max(1, (frames + CodeGrid.CHUNK_FRAMES - 1) / CodeGrid.CHUNK_FRAMES);
        Chunk[] out = new Chunk[frames == 0 ? 0 : n];
        for (int i = 0; i < out.length; i++) {
            int from = i * CodeGrid.CHUNK_FRAMES;
            out[i] = new Chunk(codes, blendCodes, weights, from, Math.min(CodeGrid.CHUNK_FRAMES, frames - from));
        }
        return out;
    }

    /** Bytes of storage made. */
    long bytes() {
        long cells = (long) levels * frames;
        return cells * Integer.BYTES + (weights == null ? 0 : cells * (Integer.BYTES + Float.BYTES));
    }
}
