package org.sda.engine.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A model file's content in memory: the manifest and the raw entries. Entries are not copied on
 * access; treat the arrays as read-only.
 *
 * @param file where it was read from (or will be written to)
 * @param contentHash SHA-256 of the file's bytes, hex; empty for a model not yet written
 */
public record SdaModel(Path file, String contentHash, SdaManifest manifest, Map<String, byte[]> entries) {

    public static final String MANIFEST = "manifest.json";
    public static final String ENCODER = "encoder.onnx";
    public static final String QUANTIZER = "quantizer.onnx";
    public static final String DECODER = "decoder.onnx";
    public static final String CODEBOOKS = "codebooks.bin";
    public static final String PRIOR = "prior.onnx";
    /** Optional: what the decoder leaves out of the training sounds (see the engine's DetailMemory). */
    public static final String DETAIL_MEMORY = "detail-memory.bin";
    public static final String CHECKPOINT_FOLDER = "checkpoint/";

    public SdaModel {
        entries = Map.copyOf(entries);
    }

    public byte[] entry(String name) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new IllegalStateException(file + " has no " + name);
        }
        return bytes;
    }

    public Optional<byte[]> optionalEntry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public boolean hasPrior() {
        return entries.containsKey(PRIOR);
    }

    /** Codebooks as {@code [levels][codebookSize][codeDim]}. */
    public float[][][] codebooks() {
        SdaManifest.Vq vq = manifest.vq();
        ByteBuffer buffer = ByteBuffer.wrap(entry(CODEBOOKS)).order(ByteOrder.LITTLE_ENDIAN);
        float[][][] books = new float[vq.levels()][vq.codebookSize()][vq.codeDim()];
        for (float[][] level : books) {
            for (float[] code : level) {
                buffer.asFloatBuffer().get(code);
                buffer.position(buffer.position() + code.length * Float.BYTES);
            }
        }
        return books;
    }

    /** The inverse of {@link #codebooks()}, for writers. */
    public static byte[] codebookBytes(float[][][] books) {
        int count = 0;
        for (float[][] level : books) {
            for (float[] code : level) {
                count += code.length;
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[][] level : books) {
            for (float[] code : level) {
                for (float v : code) {
                    buffer.putFloat(v);
                }
            }
        }
        return buffer.array();
    }
}
