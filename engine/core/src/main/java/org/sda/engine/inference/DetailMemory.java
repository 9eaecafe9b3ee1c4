package org.sda.engine.inference;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.dsp.ComplexSpectrogram;
import org.sda.engine.dsp.LogMel;
import org.sda.engine.dsp.Stft;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

/**
 * What the decoder leaves out of the sounds a model was trained on, kept beside it: for each code
 * frame of the training sounds, the true log-magnitude minus the decoded one (its {@code
 * downsample} STFT frames), keyed by the codes of that frame and of its neighbours.
 *
 * <p>Why: a decoder of a few bits per frame can only give each bin's local mean; the frame-to-frame
 * detail of the recording (the fluctuation of noise, the exact shape of partials) is not in the
 * codes. Measured on ambi, that detail is most of what separates the decoded sound from the
 * Griffin-Lim ceiling (mel distance 2.2× the ceiling's without it, 1.2× with it). Where the codes
 * of a frame and its neighbours are those of a training sound, {@link #apply} adds the kept detail
 * back, so the musician's own sounds come back as they were and unedited cells of an edited grid
 * keep their detail. Codes the memory has not seen (new sounds, edits, generated sequences away
 * from the training sounds) decode as before.
 *
 * <p>The memory is an approximation of the training sounds' spectra (8 bits per bin and frame, in
 * steps of {@value #STEP} neper, about 0.43 dB): a model that carries it carries its sounds.
 *
 * <p>Immutable; {@link #apply} may run on several threads at once. Not for a real-time thread (its
 * look-ups box their keys).
 */
public final class DetailMemory {

    /** Code frames on each side that a key covers. */
    public static final int CONTEXT = 1;
    /** Quantisation step of the kept detail, in nepers (natural-log magnitude). */
    static final float STEP = 0.05f;
    /** The default cap of {@link Builder}: about six minutes of audio at 44.1 kHz, hop 256, downsample 2. */
    public static final long DEFAULT_MAX_BYTES = 32L << 20;

    private static final int MAGIC = 0x4d444453; // "SDDM", little-endian
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 7 * Integer.BYTES;

    private final int downsample;
    private final int bins;
    /** Each kept code frame's key, in the order of the sounds. */
    private final long[] keys;
    /** Key to the rows that have it, ascending. */
    private final Map<Long, int[]> rows;
    /**
     * {@code [rows][downsample][bins]} from {@link #detailStart}, in steps of {@link #STEP}: the model
     * entry's own bytes when read from one (a large memory is not held twice).
     */
    private final byte[] detail;
    private final int detailStart;

    private DetailMemory(int downsample, int bins, long[] keys, byte[] detail, int detailStart) {
        this.downsample = downsample;
        this.bins = bins;
        this.keys = keys;
        this.detail = detail;
        this.detailStart = detailStart;
        Map<Long, int[]> byKey = new HashMap<>(keys.length * 2);
        for (int row = 0; row < keys.length; row++) {
            int[] before = byKey.get(keys[row]);
            int[] now = before == null ? new int[1] : Arrays.copyOf(before, before.length + 1);
            now[now.length - 1] = row;
            byKey.put(keys[row], now);
        }
        this.rows = byKey;
    }

    /** Code frames kept. */
    public int size() {
        return keys.length;
    }

    /**
     * The key of code frame {@code t}: a hash of every level's code at {@code t - CONTEXT … t +
     * CONTEXT}, the edges repeated at the grid's ends.
     *
     * @param codes {@code [levels][T']}
     */
    public static long contextKey(long[][] codes, int t) {
        int frames = codes[0].length;
        long key = 0xcbf29ce484222325L; // FNV-1a
        for (int d = -CONTEXT; d <= CONTEXT; d++) {
            int i = Math.max(0, Math.min(frames - 1, t + d));
            for (long[] level : codes) {
                key = (key ^ (level[i] + 1)) * 0x100000001b3L;
            }
        }
        return key;
    }

    /**
     * Adds the kept detail to decoded frames, in place, where the codes' context is known.
     *
     * @param codes {@code [levels][T']} the codes that were decoded
     * @param logMagnitude {@code [frames][bins]} their decoded natural-log magnitude, {@code frames
     *     <= T' * downsample}
     * @return code frames whose detail was added
     */
    public int apply(long[][] codes, float[][] logMagnitude) {
        if (codes.length == 0 || codes[0].length == 0) {
            return 0;
        }
        int found = 0;
        int previous = -2;
        for (int t = 0; t < codes[0].length; t++) {
            int[] candidates = rows.get(contextKey(codes, t));
            if (candidates == null) {
                previous = -2;
                continue;
            }
            // A context that occurs more than once (a steady stretch, a repeated phrase): keep to the
            // occurrence that follows the previous frame's, so a training sound comes back whole.
            int at = Arrays.binarySearch(candidates, previous + 1);
            int row = at >= 0 ? candidates[at] : candidates[0];
            previous = row;
            found++;
            for (int d = 0; d < downsample; d++) {
                int frame = t * downsample + d;
                if (frame >= logMagnitude.length) {
                    break;
                }
                float[] out = logMagnitude[frame];
                if (out.length != bins) {
                    throw new IllegalArgumentException("decoded frames have " + out.length + " bins, the memory "
                            + bins);
                }
                int offset = detailStart + (row * downsample + d) * bins;
                for (int k = 0; k < bins; k++) {
                    out[k] += detail[offset + k] * STEP;
                }
            }
        }
        return found;
    }

    /** The file form (little-endian header, keys, then the detail bytes). */
    public byte[] toBytes() {
        int detailBytes = keys.length * downsample * bins;
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + keys.length * Long.BYTES + detailBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(VERSION).putInt(CONTEXT).putInt(downsample).putInt(bins).putFloat(STEP)
                .putInt(keys.length);
        for (long key : keys) {
            out.putLong(key);
        }
        return out.put(detail, detailStart, detailBytes).array();
    }

    /**
     * Reads {@link #toBytes()}'s form for a model of {@code downsample} and {@code bins} bins. The
     * memory keeps {@code bytes} (not a copy): they must not change.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    public static DetailMemory fromBytes(byte[] bytes, int downsample, int bins) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            if (in.getInt() != MAGIC) {
                throw new IllegalArgumentException("is not a detail memory");
            }
            int version = in.getInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("has version " + version + "; this engine reads version " + VERSION);
            }
            int context = in.getInt();
            int ds = in.getInt();
            int b = in.getInt();
            float step = in.getFloat();
            int count = in.getInt();
            if (context != CONTEXT || step != STEP || ds != downsample || b != bins || count < 0) {
                throw new IllegalArgumentException("does not fit the model (context " + context + ", downsample " + ds
                        + ", " + b + " bins, step " + step + ")");
            }
            long expected = HEADER_BYTES + (long) count * Long.BYTES + (long) count * ds * b;
            if (expected != bytes.length) {
                throw new IllegalArgumentException("has " + bytes.length + " bytes where " + count + " frames need "
                        + expected);
            }
            long[] keys = new long[count];
            in.asLongBuffer().get(keys);
            return new DetailMemory(ds, b, keys, bytes, HEADER_BYTES + count * Long.BYTES);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("is cut short", e);
        }
    }

    /**
     * Keeps what the runtime's decoder leaves out of {@code sounds}: each is analysed as {@link
     * Reconstructor} does (so the keys are the codes a reconstruction finds), decoded, and compared
     * with its own STFT.
     *
     * @param sounds the training sounds, any rate and channels
     * @param maxBytes the cap; sounds beyond it are not kept
     * @throws IllegalArgumentException for a mel decoder (its output is not the STFT's magnitude)
     */
    public static DetailMemory learn(VqVaeRuntime runtime, List<AudioBuffer> sounds, long maxBytes) {
        SdaManifest manifest = runtime.manifest();
        if (VqVaeRuntime.decodesMel(manifest)) {
            throw new IllegalArgumentException("a mel decoder has no STFT detail to keep");
        }
        Reconstructor reconstructor = new Reconstructor(runtime);
        Stft stft = new Stft(new StftConfig(manifest.audio().nFft(), manifest.audio().hop()));
        Builder builder = new Builder(manifest.vq().downsample(), manifest.audio().bins(), maxBytes);
        for (AudioBuffer sound : sounds) {
            if (sound.frameCount() == 0) {
                continue;
            }
            Reconstructor.Analysis analysis = reconstructor.analyse(sound, Reconstructor.Listener.NONE);
            float[][] decoded = runtime.decode(runtime.lookup(analysis.codes()), analysis.frames());
            ComplexSpectrogram spectrum = stft.forward(reconstructor.levelled(sound, analysis.levellingDb()));
            if (!builder.add(analysis.codes(), spectrum, decoded)) {
                break;
            }
        }
        return builder.build();
    }

    /**
     * Learns the memory of {@code model}'s decoder on {@code sounds} ({@link #learn}, up to {@link
     * #DEFAULT_MAX_BYTES}) and writes the model with it to {@code output} (atomically; may be the
     * file it was read from), every other entry as it was.
     *
     * @throws ModelFileException if the model's networks cannot be opened
     * @throws IOException if {@code output} cannot be written
     */
    public static DetailMemory addTo(SdaModel model, Path output, List<AudioBuffer> sounds)
            throws ModelFileException, IOException {
        DetailMemory memory;
        try (VqVaeRuntime runtime = VqVaeRuntime.open(model)) {
            memory = learn(runtime, sounds, DEFAULT_MAX_BYTES);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>(model.entries());
        entries.put(SdaModel.DETAIL_MEMORY, memory.toBytes());
        SdaModelFile.write(output, model.manifest(), entries);
        return memory;
    }

    /** Collects the detail of code frames, in the order they are added. */
    public static final class Builder {

        private final int downsample;
        private final int bins;
        private final long maxRows;
        private final ByteArrayOutputStream detail = new ByteArrayOutputStream();
        private long[] keys = new long[1024];
        private int size;

        public Builder(int downsample, int bins, long maxBytes) {
            if (downsample < 1 || bins < 1 || maxBytes < 0) {
                throw new IllegalArgumentException("bad detail memory shape");
            }
            this.downsample = downsample;
            this.bins = bins;
            this.maxRows = maxBytes / ((long) downsample * bins + Long.BYTES);
        }

        /**
         * Adds one sound's code frames.
         *
         * @param codes {@code [levels][T']}
         * @param truth the sound's STFT
         * @param decoded {@code [frames][bins]} the decoder's natural-log magnitude for {@code codes}
         * @return false once the cap is reached (the sound was kept up to it)
         */
        public boolean add(long[][] codes, ComplexSpectrogram truth, float[][] decoded) {
            if (truth.bins() != bins) {
                throw new IllegalArgumentException("the spectrum has " + truth.bins() + " bins, the memory " + bins);
            }
            int frames = Math.min(decoded.length, truth.frames());
            byte[] row = new byte[downsample * bins];
            for (int t = 0; t < codes[0].length && t * downsample < frames; t++) {
                if (size >= maxRows) {
                    return false;
                }
                Arrays.fill(row, (byte) 0);
                for (int d = 0; d < downsample && t * downsample + d < frames; d++) {
                    int frame = t * downsample + d;
                    for (int k = 0; k < bins; k++) {
                        double missing = Math.log(Math.max(truth.abs(frame, k), LogMel.FLOOR)) - decoded[frame][k];
                        row[d * bins + k] = (byte) Math.max(-127, Math.min(127, Math.round(missing / STEP)));
                    }
                }
                if (size == keys.length) {
                    keys = Arrays.copyOf(keys, size * 2);
                }
                keys[size++] = contextKey(codes, t);
                detail.writeBytes(row);
            }
            return true;
        }

        public DetailMemory build() {
            return new DetailMemory(downsample, bins, Arrays.copyOf(keys, size), detail.toByteArray(), 0);
        }
    }
}
