package org.sda.trainer.vqvae;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sda.engine.io.AtomicFiles;

/**
 * Resumable trainer state: counters and configuration as a JSON header, then named float arrays.
 * Layout: magic {@code SDACKPT}, format version (int), header length and UTF-8 JSON, array count,
 * then per array its name, rank, dimensions and float32 values (big-endian, DataOutput order).
 * Written atomically so a kill mid-write leaves the previous checkpoint whole.
 *
 * @param arrays name → {@code (shape, values)}
 */
public record Checkpoint(State state, Map<String, Tensor> arrays) {

    public static final int FORMAT_VERSION = 1;
    private static final String MAGIC = "SDACKPT";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Counters and configuration. */
    public record State(VqVaeConfig config, long step, int epoch, double bestValidation, double bestValidationLoss,
                        int epochsWithoutImprovement,
                        double minutes, long seed, double lastTrainLoss) {
    }

    /** A named array. */
    public record Tensor(long[] shape, float[] values) {
    }

    public void write(Path file) throws IOException {
        byte[] header = JSON.writeValueAsBytes(state);
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(header.length);
            out.write(header);
            out.writeInt(arrays.size());
            for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                long[] shape = e.getValue().shape();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                float[] values = e.getValue().values();
                out.writeInt(values.length);
                for (float v : values) {
                    out.writeFloat(v);
                }
            }
            out.flush();
        });
    }

    public static Checkpoint read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            return read(raw, file.toString());
        }
    }

    public static Checkpoint read(InputStream raw, String source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        if (!MAGIC.equals(in.readUTF())) {
            throw new IOException(source + " is not a trainer checkpoint");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException(source + " has checkpoint format " + version + ", this trainer reads "
                    + FORMAT_VERSION);
        }
        byte[] header = in.readNBytes(in.readInt());
        State state = JSON.readValue(header, State.class);
        int count = in.readInt();
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            long[] shape = new long[in.readInt()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = in.readLong();
            }
            int n = in.readInt();
            if (n < 0 || n > (1 << 28)) {
                throw new IOException(source + ": array " + name + " has an impossible size " + n);
            }
            float[] values = new float[n];
            for (int j = 0; j < n; j++) {
                values[j] = in.readFloat();
            }
            arrays.put(name, new Tensor(shape, values));
        }
        return new Checkpoint(state, arrays);
    }
}
