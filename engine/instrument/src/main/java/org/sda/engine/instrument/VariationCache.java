package org.sda.engine.instrument;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.sda.engine.io.AtomicFiles;

/**
 * Generated variations kept on disk, so that an instrument opened again on the same model and
 * seed (a project reopened, a second instance, the DAW restarted) plays at once instead of
 * waiting for generation. A variation is keyed by the model's content hash and everything its
 * generation depends on (seed, index-derived seed, length, temperature, top-k, top-p), and stored
 * at the model's rate as written by the source — exactly what generating it again would give.
 *
 * <p>Layout: {@code ROOT/<first 16 hex of the model hash>/<sha-256 of the key>.f32}, each file a
 * 16-byte header ({@code "SDAV"}, format version, sample rate, sample count; little-endian) and
 * float32 samples. Writes are atomic; a file that does not read back whole is deleted and
 * generated again. The cache is bounded: after each write the oldest files (by last use) go
 * until it is below {@code maxBytes}.
 *
 * <p>Threads: generation workers only (file I/O). Safe for concurrent use by several workers and
 * instances: every file is written whole under a new name and renamed.
 */
final class VariationCache {

    /** Default bound: about 300 four-second variations at 44.1 kHz. */
    static final long DEFAULT_MAX_BYTES = 256L << 20;

    private static final int MAGIC = 0x56414453; // "SDAV" read as little-endian
    private static final int VERSION = 1;
    private static final int HEADER = 16;

    private final Path root;
    private final long maxBytes;
    private final List<Path> readOnly;

    VariationCache(Path root, long maxBytes) {
        this(root, maxBytes, List.of());
    }

    /**
     * @param readOnly folders of variations made ahead ({@link VariationPrefill}), e.g. shipped
     *     beside the built-in demo model; looked in after {@code root}, never written or trimmed
     */
    VariationCache(Path root, long maxBytes, List<Path> readOnly) {
        this.root = root;
        this.maxBytes = maxBytes;
        this.readOnly = List.copyOf(readOnly);
    }

    /** The same cache, also reading from {@code folder} (if it is one). */
    VariationCache withReadOnly(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return this;
        }
        List<Path> all = new ArrayList<>(readOnly);
        all.add(folder);
        return new VariationCache(root, maxBytes, all);
    }

    Path root() {
        return root;
    }

    /** The variation as generated before, or empty (never cached, or unreadable: then removed). */
    Optional<float[]> get(String modelHash, VariationRequest request, int sampleRate) {
        Path file = fileFor(root, modelHash, request);
        Optional<float[]> own = read(file, sampleRate, true);
        if (own.isPresent()) {
            return own;
        }
        for (Path folder : readOnly) {
            Optional<float[]> made = read(fileFor(folder, modelHash, request), sampleRate, false);
            if (made.isPresent()) {
                return made;
            }
        }
        return Optional.empty();
    }

    private static Optional<float[]> read(Path file, int sampleRate, boolean writable) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            boolean header = bytes.length >= HEADER && in.getInt() == MAGIC && in.getInt() == VERSION
                    && in.getInt() == sampleRate;
            int count = header ? in.getInt() : -1;
            if (count < 0 || (long) count * Float.BYTES != bytes.length - HEADER) {
                if (writable) {
                    Files.deleteIfExists(file);
                }
                return Optional.empty();
            }
            float[] samples = new float[count];
            in.asFloatBuffer().get(samples);
            if (writable) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            }
            return Optional.of(samples);
        } catch (IOException e) {
            return Optional.empty(); // a cache that cannot be read is a cache miss
        }
    }

    /** Stores a variation; failures (disk full, read-only home) only cost the cache. */
    void put(String modelHash, VariationRequest request, int sampleRate, float[] samples) {
        try {
            putOrThrow(modelHash, request, sampleRate, samples);
        } catch (IOException | RuntimeException e) {
            // Not cached this time; the variation itself is fine.
        }
    }

    /** Stores a variation, saying when it cannot (for {@link VariationPrefill}, where the files are the point). */
    void putOrThrow(String modelHash, VariationRequest request, int sampleRate, float[] samples) throws IOException {
        Path file = fileFor(root, modelHash, request);
        Files.createDirectories(file.getParent());
        ByteBuffer out = ByteBuffer.allocate(HEADER + samples.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(VERSION).putInt(sampleRate).putInt(samples.length);
        out.asFloatBuffer().put(samples);
        AtomicFiles.write(file, stream -> stream.write(out.array()));
        trim();
    }

    /** Deletes the least recently used files until the cache is under its bound. */
    private void trim() throws IOException {
        record Entry(Path path, long size, FileTime used) {
        }
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        try (Stream<Path> walk = Files.walk(root, 2)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".f32") && Files.isRegularFile(f)).toList()) {
                try {
                    Entry e = new Entry(p, Files.size(p), Files.getLastModifiedTime(p));
                    entries.add(e);
                    total += e.size();
                } catch (IOException e) {
                    // Removed meanwhile by another instance.
                }
            }
        }
        if (total <= maxBytes) {
            return;
        }
        entries.sort(Comparator.comparing(Entry::used));
        for (Entry e : entries) {
            if (total <= maxBytes / 10 * 8) {
                break;
            }
            Files.deleteIfExists(e.path());
            total -= e.size();
        }
    }

    private static Path fileFor(Path root, String modelHash, VariationRequest r) {
        String key = String.format(Locale.ROOT, "%s|%d|%.6f|%.6f|%d|%.6f", modelHash, r.seed(), r.seconds(),
                r.temperature(), r.topK(), r.topP());
        for (double control : r.controls()) {
            if (control != 0) { // keys without controls stay as they were, so prefilled variations still match
                key = String.format(Locale.ROOT, "%s|%s", key, r.controls());
                break;
            }
        }
        String prefix = modelHash.length() > 16 ? modelHash.substring(0, 16) : modelHash;
        return root.resolve(prefix).resolve(sha256(key) + ".f32");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
