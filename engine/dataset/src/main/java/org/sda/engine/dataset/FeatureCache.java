package org.sda.engine.dataset;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.sda.engine.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imported audio and features on disk, keyed by the file's content hash and the import options'
 * fingerprint. A second import of the same bytes with the same options reads from here instead
 * of decoding, resampling and analysing again. Skipped files are cached too (their verdict only),
 * so a broken file is not decoded twice either.
 *
 * <p>An entry that cannot be read (damaged, from another version) is treated as a miss and
 * rewritten; the cache never makes an import fail. Thread-safe: entries are written atomically.
 */
public final class FeatureCache {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
    private static final int MAGIC = 0x53444143; // "SDAC"

    private final Path root;

    public FeatureCache(Path root) {
        this.root = root;
    }

    /** {@code $SDA_CACHE_DIR}, else {@code $XDG_CACHE_HOME/sda/import}, else {@code ~/.cache/sda/import}. */
    public static FeatureCache atDefaultLocation() {
        String explicit = System.getenv("SDA_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return new FeatureCache(Path.of(explicit).resolve("import"));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new FeatureCache(base.resolve("sda").resolve("import"));
    }

    public Path root() {
        return root;
    }

    /** A cached entry: the report (file path not stored) and, for usable files, audio and features. */
    record Entry(FileReport report, float[] audio, float[][] logMel) {
    }

    Optional<Entry> load(String contentHash, ImportOptions options, Path file) {
        Path path = entryPath(contentHash, options);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != ImportOptions.CACHE_FORMAT) {
                return Optional.empty();
            }
            FileReport report = new FileReport(file, in.readUTF(), in.readDouble(), in.readInt(), in.readInt(),
                    in.readDouble(), Verdict.valueOf(in.readUTF()), in.readUTF(), Split.NONE);
            if (!report.contentHash().equals(contentHash)) {
                return Optional.empty();
            }
            if (!report.usable()) {
                return Optional.of(new Entry(report, null, null));
            }
            float[] audio = readFloats(in, in.readInt());
            int frames = in.readInt();
            int bands = in.readInt();
            float[][] logMel = new float[frames][];
            for (int t = 0; t < frames; t++) {
                logMel[t] = readFloats(in, bands);
            }
            return Optional.of(new Entry(report, audio, logMel));
        } catch (IOException | RuntimeException e) {
            LOG.debug("ignoring unreadable cache entry {}: {}", path, e.toString());
            return Optional.empty();
        }
    }

    void store(Entry entry, ImportOptions options) {
        FileReport report = entry.report();
        Path path = entryPath(report.contentHash(), options);
        try {
            Files.createDirectories(path.getParent());
            AtomicFiles.write(path, raw -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
                out.writeInt(MAGIC);
                out.writeInt(ImportOptions.CACHE_FORMAT);
                out.writeUTF(report.contentHash());
                out.writeDouble(report.durationSeconds());
                out.writeInt(report.sampleRate());
                out.writeInt(report.channels());
                out.writeDouble(report.peakDbfs());
                out.writeUTF(report.verdict().name());
                out.writeUTF(report.detail());
                if (report.usable()) {
                    out.writeInt(entry.audio().length);
                    writeFloats(out, entry.audio());
                    float[][] logMel = entry.logMel();
                    out.writeInt(logMel.length);
                    out.writeInt(logMel.length == 0 ? 0 : logMel[0].length);
                    for (float[] frame : logMel) {
                        writeFloats(out, frame);
                    }
                }
                out.flush();
            });
        } catch (IOException e) {
            // A full disk or a read-only cache costs speed next time, never the import itself.
            LOG.warn("could not write cache entry {}: {}", path, e.getMessage());
        }
    }

    private Path entryPath(String contentHash, ImportOptions options) {
        return root.resolve(contentHash.substring(0, 2)).resolve(contentHash + "-" + options.fingerprint() + ".sdac");
    }

    private static float[] readFloats(InputStream in, int count) throws IOException {
        if (count < 0 || count > 200_000_000) {
            throw new IOException("implausible array length " + count);
        }
        byte[] bytes = new DataInputStream(in).readNBytes(count * Float.BYTES);
        if (bytes.length != count * Float.BYTES) {
            throw new IOException("entry is truncated");
        }
        float[] values = new float[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array());
    }

}
