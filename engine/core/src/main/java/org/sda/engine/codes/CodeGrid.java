package org.sda.engine.codes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A sound as a model's discrete codes: rows are quantiser levels (0 the coarsest, labelled
 * Structure / Timbre / Detail for three), columns are code frames ({@link GridTiming#frameRate()}
 * per second). Each cell holds a code index and, after an embedding-space blend, a second code
 * and a weight (see {@link Cell}).
 *
 * <p><b>Immutable, with shared storage.</b> Cells live in chunks of up to {@value #CHUNK_FRAMES}
 * frames that are never written after they are made. An edit returns a new grid that shares every
 * chunk it does not touch with the grid it came from (and inserted ranges share the chunks of the
 * grid they came from), so an edit of a ten-minute grid copies a few kilobytes, and any number of
 * threads may read any version while an editor makes the next one. {@link #allocatedBytes()} says
 * how much storage a version added, for bounding an undo history.
 *
 * <p>Besides the cells a grid carries the model it belongs to ({@link ModelIdentity}), the audio
 * length it stands for ({@link #samples()}, always consistent with the frame count) and the gain
 * that gives decoded audio back at the level of the sound it was encoded from ({@link #gainDb()}).
 * Equality and {@link #contentHash()} cover all of it, blend cells included.
 */
public final class CodeGrid {

    /** Frames per storage chunk: large enough that chunk bookkeeping is cheap, small enough that a copy is. */
    static final int CHUNK_FRAMES = 1024;

    private final ModelIdentity model;
    private final List<String> levelLabels;
    private final GridTiming timing;
    private final int samples;
    private final double gainDb;
    private final Chunk[] chunks;
    /** starts[i] is the first frame of chunk i; starts[chunks.length] is the frame count. */
    private final int[] starts;
    private final long allocatedBytes;
    private volatile String contentHash;

    CodeGrid(ModelIdentity model, List<String> levelLabels, GridTiming timing, int samples, double gainDb,
             Chunk[] chunks, long allocatedBytes) {
        this.model = Objects.requireNonNull(model, "model");
        this.levelLabels = List.copyOf(levelLabels);
        this.timing = Objects.requireNonNull(timing, "timing");
        this.samples = samples;
        this.gainDb = gainDb;
        this.chunks = chunks;
        this.starts = new int[chunks.length + 1];
        for (int i = 0; i < chunks.length; i++) {
            starts[i + 1] = starts[i] + chunks[i].length;
        }
        this.allocatedBytes = allocatedBytes;
        if (levelLabels.size() != model.levels()) {
            throw new IllegalArgumentException(levelLabels.size() + " level labels for " + model.levels() + " levels");
        }
        if (starts[chunks.length] < 1) {
            throw new IllegalArgumentException("a grid has at least one frame");
        }
        if (!Double.isFinite(gainDb)) {
            throw new IllegalArgumentException("gain must be finite: " + gainDb);
        }
        if (samples < 0 || timing.codeFrames(samples) != starts[chunks.length]) {
            throw new IllegalArgumentException(samples + " samples make " + timing.codeFrames(Math.max(0, samples))
                    + " code frames, the grid has " + starts[chunks.length]);
        }
    }

    /**
     * A grid from whole arrays, checked.
     *
     * @param codes {@code [levels][frames]}, each in {@code [0, codebookSize)}
     * @param blendCodes {@code [levels][frames]} or null when no cell is blended
     * @param weights {@code [levels][frames]} in {@code [0, 1]}, or null when no cell is blended
     * @param samples the audio length the grid stands for; {@code timing.codeFrames(samples)} must be the frame count
     * @throws IllegalArgumentException naming the first cell or setting that does not fit
     */
    public static CodeGrid of(ModelIdentity model, List<String> levelLabels, GridTiming timing, int samples,
                              double gainDb, int[][] codes, int[][] blendCodes, float[][] weights) {
        if (codes.length != model.levels()) {
            throw new IllegalArgumentException("codes have " + codes.length + " levels, the model has "
                    + model.levels());
        }
        if ((blendCodes == null) != (weights == null)) {
            throw new IllegalArgumentException("blend codes and blend weights come together");
        }
        int frames = codes[0].length;
        for (int l = 0; l < codes.length; l++) {
            checkRow("level " + l, codes[l].length, frames);
            if (blendCodes != null) {
                checkRow("blend codes of level " + l, blendCodes[l].length, frames);
                checkRow("blend weights of level " + l, weights[l].length, frames);
            }
        }
        if (blendCodes != null && (blendCodes.length != codes.length || weights.length != codes.length)) {
            throw new IllegalArgumentException("blend arrays must have one row per level");
        }
        ChunkBuilder builder = new ChunkBuilder(model.levels(), frames);
        for (int t = 0; t < frames; t++) {
            for (int l = 0; l < codes.length; l++) {
                int code = codes[l][t];
                Cell cell = blendCodes == null || weights[l][t] == 0f ? Cell.of(checkCode(model, code, l, t))
                        : new Cell(checkCode(model, code, l, t), checkCode(model, blendCodes[l][t], l, t),
                                checkWeight(weights[l][t], l, t));
                builder.set(l, t, cell);
            }
        }
        return new CodeGrid(model, levelLabels, timing, samples, gainDb, builder.build(), builder.bytes());
    }

    private static void checkRow(String what, int length, int frames) {
        if (length != frames) {
            throw new IllegalArgumentException(what + " has " + length + " frames, level 0 has " + frames);
        }
    }

    private static int checkCode(ModelIdentity model, int code, int level, int frame) {
        if (code < 0 || code >= model.codebookSize()) {
            throw new IllegalArgumentException("code " + code + " at level " + level + ", frame " + frame
                    + " is outside the codebook (0.." + (model.codebookSize() - 1) + ")");
        }
        return code;
    }

    private static float checkWeight(float w, int level, int frame) {
        if (!(w >= 0f && w <= 1f)) {
            throw new IllegalArgumentException("blend weight " + w + " at level " + level + ", frame " + frame
                    + " is outside [0, 1]");
        }
        return w;
    }

    public ModelIdentity model() {
        return model;
    }

    public List<String> levelLabels() {
        return levelLabels;
    }

    public GridTiming timing() {
        return timing;
    }

    public int levels() {
        return model.levels();
    }

    public int frames() {
        return starts[chunks.length];
    }

    /** The audio length at the model rate this grid decodes to. */
    public int samples() {
        return samples;
    }

    public double durationSeconds() {
        return samples / (double) timing.sampleRate();
    }

    /** Gain in dB applied to decoded audio to give it back at the level of the encoded sound. */
    public double gainDb() {
        return gainDb;
    }

    /** Storage in bytes this version made that the version it was derived from did not have. */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    public int code(int level, int frame) {
        int c = chunkOf(frame);
        return chunks[c].code(checkLevel(level), frame - starts[c]);
    }

    public Cell cell(int level, int frame) {
        int c = chunkOf(frame);
        return chunks[c].cell(checkLevel(level), frame - starts[c]);
    }

    /** Whether any cell is blended. */
    public boolean hasBlend() {
        for (Chunk chunk : chunks) {
            if (chunk.hasBlend()) {
                return true;
            }
        }
        return false;
    }

    /** The code indices as a fresh {@code [levels][frames]} array (blend codes left out). */
    public long[][] codes() {
        long[][] out = new long[levels()][frames()];
        for (int c = 0; c < chunks.length; c++) {
            Chunk chunk = chunks[c];
            for (int l = 0; l < out.length; l++) {
                for (int i = 0; i < chunk.length; i++) {
                    out[l][starts[c] + i] = chunk.code(l, i);
                }
            }
        }
        return out;
    }

    /**
     * The latent the grid stands for, {@code [frames][codeDim]}: per frame the sum over levels of
     * {@code (1 - w) * codebooks[l][code] + w * codebooks[l][blendCode]}. For unblended cells the
     * arithmetic is the code lookup's, in the same order ({@code VqVaeRuntime.lookup}), so a grid
     * without blends gives the identical latent.
     *
     * @param codebooks {@code [levels][codebookSize][codeDim]} of this grid's model
     */
    public float[][] latent(float[][][] codebooks) {
        if (codebooks.length != levels()) {
            throw new IllegalArgumentException(codebooks.length + " codebooks for " + levels() + " levels");
        }
        int dim = codebooks[0][0].length;
        float[][] latent = new float[frames()][dim];
        for (int l = 0; l < levels(); l++) {
            float[][] book = codebooks[l];
            for (int c = 0; c < chunks.length; c++) {
                Chunk chunk = chunks[c];
                for (int i = 0; i < chunk.length; i++) {
                    float[] row = latent[starts[c] + i];
                    float[] a = book[chunk.code(l, i)];
                    float w = chunk.weight(l, i);
                    if (w == 0f) {
                        for (int k = 0; k < dim; k++) {
                            row[k] += a[k];
                        }
                    } else {
                        float[] b = book[chunk.blendCode(l, i)];
                        float keep = 1f - w;
                        for (int k = 0; k < dim; k++) {
                            row[k] += keep * a[k] + w * b[k];
                        }
                    }
                }
            }
        }
        return latent;
    }

    /**
     * SHA-256 over everything {@link #equals} compares, as {@code sha256:} and hex. Computed once
     * per version, on first use.
     */
    public String contentHash() {
        String h = contentHash;
        if (h == null) {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
            digest.update((model.hash() + "\n" + String.join("\n", levelLabels) + "\n" + timing + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            ByteBuffer header = ByteBuffer.allocate(2 * Integer.BYTES + Long.BYTES);
            header.putInt(samples).putInt(frames()).putLong(Double.doubleToLongBits(gainDb));
            digest.update(header.array());
            ByteBuffer cells = ByteBuffer.allocate(CHUNK_FRAMES * 3 * Integer.BYTES);
            for (int l = 0; l < levels(); l++) {
                for (Chunk chunk : chunks) {
                    cells.clear();
                    for (int i = 0; i < chunk.length; i++) {
                        Cell cell = chunk.cell(l, i);
                        cells.putInt(cell.code()).putInt(cell.blendCode()).putFloat(cell.weight());
                    }
                    digest.update(cells.array(), 0, cells.position());
                }
            }
            h = "sha256:" + HexFormat.of().formatHex(digest.digest());
            contentHash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CodeGrid g) || frames() != g.frames() || samples != g.samples
                || Double.compare(gainDb, g.gainDb) != 0 || !model.equals(g.model)
                || !levelLabels.equals(g.levelLabels) || !timing.equals(g.timing)) {
            return false;
        }
        for (int l = 0; l < levels(); l++) {
            for (int t = 0; t < frames(); t++) {
                if (!cell(l, t).equals(g.cell(l, t))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return contentHash().hashCode();
    }

    @Override
    public String toString() {
        return "CodeGrid[" + levels() + " levels x " + frames() + " frames, model " + model + "]";
    }

    /**
     * This grid decoding at another level: the same cells (shared, nothing copied) with
     * {@link #gainDb()} replaced.
     */
    public CodeGrid withGainDb(double gainDb) {
        return new CodeGrid(model, levelLabels, timing, samples, gainDb, chunks, 0);
    }

    // ---- derived versions (used by the edits; every one leaves this grid as it is) ----

    /**
     * This grid with the cells of {@code [from, to)} on the chosen levels rewritten. Only the
     * chunks the range touches are copied.
     */
    CodeGrid rewritten(int from, int to, boolean[] levels, CellRewrite rewrite) {
        checkRange(from, to);
        Chunk[] out = chunks.clone();
        long bytes = 0;
        for (int c = chunkOf(from); c < chunks.length && starts[c] < to; c++) {
            Chunk chunk = chunks[c];
            ChunkBuilder builder = new ChunkBuilder(levels(), chunk.length);
            for (int i = 0; i < chunk.length; i++) {
                int frame = starts[c] + i;
                for (int l = 0; l < levels(); l++) {
                    Cell cell = chunk.cell(l, i);
                    if (frame >= from && frame < to && levels[l]) {
                        cell = rewrite.apply(l, frame, cell);
                        checkCode(model, cell.code(), l, frame);
                        checkCode(model, cell.blendCode(), l, frame);
                    }
                    builder.set(l, i, cell);
                }
            }
            Chunk[] made = builder.build();
            out[c] = made[0];
            bytes += builder.bytes();
        }
        return new CodeGrid(model, levelLabels, timing, samples, gainDb, out, bytes);
    }

    /** Rewrites one cell of an edited region. */
    @FunctionalInterface
    interface CellRewrite {
        Cell apply(int level, int frame, Cell current);
    }

    /** This grid with frames {@code [from, to)} of {@code source} (any grid of the same model) inserted before {@code at}. */
    CodeGrid inserted(int at, CodeGrid source, int from, int to) {
        if (at < 0 || at > frames()) {
            throw new IllegalArgumentException("insert position " + at + " is outside 0.." + frames());
        }
        source.checkRange(from, to);
        Chunk[] joined = concat(slice(0, at), source.slice(from, to), slice(at, frames()));
        return compacted(joined, samples + (to - from) * timing.samplesPerFrame());
    }

    /** This grid without frames {@code [from, to)}; at least one frame must remain. */
    CodeGrid deleted(int from, int to) {
        checkRange(from, to);
        if (to - from >= frames()) {
            throw new IllegalArgumentException("cannot delete every frame of a grid");
        }
        return compacted(concat(slice(0, from), slice(to, frames())),
                samples - (to - from) * timing.samplesPerFrame());
    }

    /** The chunk views covering {@code [from, to)}, sharing storage. */
    Chunk[] slice(int from, int to) {
        if (from >= to) {
            return new Chunk[0];
        }
        int first = chunkOf(from);
        int last = chunkOf(to - 1);
        Chunk[] out = new Chunk[last - first + 1];
        for (int c = first; c <= last; c++) {
            int lo = Math.max(from, starts[c]) - starts[c];
            int hi = Math.min(to, starts[c + 1]) - starts[c];
            out[c - first] = chunks[c].slice(lo, hi);
        }
        return out;
    }

    private static Chunk[] concat(Chunk[]... parts) {
        int n = 0;
        for (Chunk[] p : parts) {
            n += p.length;
        }
        Chunk[] out = new Chunk[n];
        int i = 0;
        for (Chunk[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    /**
     * A grid over {@code joined}; when inserts and deletes have cut it into many more chunks than
     * its length needs, the chunks are copied into full ones (an occasional whole copy that keeps
     * lookups and the chunk array small).
     */
    private CodeGrid compacted(Chunk[] joined, int newSamples) {
        int frames = 0;
        for (Chunk c : joined) {
            frames += c.length;
        }
        int needed = (frames + CHUNK_FRAMES - 1) / CHUNK_FRAMES;
        if (joined.length <= 2 * needed + 8) {
            return new CodeGrid(model, levelLabels, timing, newSamples, gainDb, joined, 0);
        }
        ChunkBuilder builder = new ChunkBuilder(levels(), frames);
        int t = 0;
        for (Chunk c : joined) {
            for (int i = 0; i < c.length; i++, t++) {
                for (int l = 0; l < levels(); l++) {
                    builder.set(l, t, c.cell(l, i));
                }
            }
        }
        return new CodeGrid(model, levelLabels, timing, newSamples, gainDb, builder.build(), builder.bytes());
    }

    void checkRange(int from, int to) {
        if (from < 0 || to > frames() || from >= to) {
            throw new IllegalArgumentException("frame range " + from + ".." + to + " is not inside 0.." + frames()
                    + " or is empty");
        }
    }

    private int checkLevel(int level) {
        if (level < 0 || level >= levels()) {
            throw new IndexOutOfBoundsException("level " + level + " of " + levels());
        }
        return level;
    }

    private int chunkOf(int frame) {
        if (frame < 0 || frame >= frames()) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + frames());
        }
        int lo = 0;
        int hi = chunks.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= frame) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
