package org.sda.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.sda.engine.io.AtomicFiles;

/**
 * Reads and writes {@code .sda} model files (format 2, see {@code docs/MODEL-FORMAT.md}).
 *
 * <p>Reading trusts nothing in the file: entry names are checked against the known set, sizes are
 * counted as bytes are inflated (so a zip bomb stops at the limit, whatever the archive claims),
 * and every kind of damage becomes a {@link ModelFileException} naming the file and the problem.
 * Writing is atomic. Thread-safe (no state).
 */
public final class SdaModelFile {

    /** Largest single entry: ONNX graphs of our models are a few MB; 256 MiB is far beyond any. */
    static final long MAX_ENTRY_BYTES = 256L << 20;
    /** Largest total inflated size. */
    static final long MAX_TOTAL_BYTES = 1L << 30;
    static final int MAX_ENTRIES = 10_000;

    /** The reader's size limits; package-private so tests can use small ones. */
    record Limits(long maxEntryBytes, long maxTotalBytes, int maxEntries) {
        static final Limits DEFAULT = new Limits(MAX_ENTRY_BYTES, MAX_TOTAL_BYTES, MAX_ENTRIES);
    }

    private static final Set<String> TOP_LEVEL = Set.of(SdaModel.MANIFEST, SdaModel.ENCODER, SdaModel.QUANTIZER,
            SdaModel.DECODER, SdaModel.CODEBOOKS, SdaModel.PRIOR, SdaModel.DETAIL_MEMORY);
    private static final List<String> REQUIRED = List.of(SdaModel.MANIFEST, SdaModel.ENCODER, SdaModel.QUANTIZER,
            SdaModel.DECODER, SdaModel.CODEBOOKS);

    /**
     * The manifest's JSON mapper and reader. On a cold JVM, loading Jackson and building the
     * manifest's deserializer takes longer than hashing and inflating a model of a few MB (about
     * 0.3 and 0.25 s against 0.25 s on a shared 2-core machine), so the first {@link #read} has
     * them built on a thread of its own while it reads the file ({@link #warmUpJson}).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        /** Built eagerly (Jackson fetches the root deserializer when a reader is made). */
        static final ObjectReader MANIFEST = MAPPER.readerFor(SdaManifest.class);

        static {
            try {
                MAPPER.readTree("{\"formatVersion\":0}"); // the tree reader's classes
            } catch (IOException e) {
                throw new IllegalStateException("Jackson cannot read a constant", e);
            }
        }

        private Json() {
        }
    }

    private static final AtomicBoolean JSON_WARMING = new AtomicBoolean();

    /**
     * Starts building {@link Json} on a daemon thread, once per JVM; whoever uses it first waits
     * for that (the JVM's class initialisation lock), so this only moves work off the caller.
     */
    private static void warmUpJson() {
        if (JSON_WARMING.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    Objects.requireNonNull(Json.MANIFEST);
                } catch (LinkageError e) {
                    // Reported to the reader that uses Json (NoClassDefFoundError there).
                }
            }, "sda-json-warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    private SdaModelFile() {
    }

    /** Reads and checks a whole model file. */
    public static SdaModel read(Path file) throws ModelFileException {
        return read(file, Limits.DEFAULT);
    }

    /**
     * Reads with explicit limits. The archive is opened through its central directory, so a file
     * cut short anywhere (which loses the end-of-archive record) is told apart from one that is
     * merely missing entries; entry sizes are counted as bytes are inflated and each entry's CRC
     * is checked, whatever the archive claims.
     */
    static SdaModel read(Path file, Limits limits) throws ModelFileException {
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file, "is a folder, not a model file");
        }
        warmUpJson();
        String contentHash = checkLooksLikeZip(file);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long total = 0;
            int count = 0;
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                String name = entry.getName();
                checkName(file, name);
                if (++count > limits.maxEntries()) {
                    throw new ModelFileException(file, "has more than " + limits.maxEntries() + " entries");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (entries.containsKey(name)) {
                    throw new ModelFileException(file, "entry " + name + " appears twice");
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = inflate(file, name, in, limits, total);
                }
                if (entry.getCrc() != -1) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    if (crc.getValue() != entry.getCrc()) {
                        throw new ModelFileException(file, "entry " + name + " is damaged (checksum mismatch)");
                    }
                }
                total += bytes.length;
                entries.put(name, bytes);
            }
        } catch (ZipException e) {
            throw new ModelFileException(file, "is damaged (" + e.getMessage() + ")", e);
        } catch (java.io.EOFException e) {
            throw new ModelFileException(file, "is damaged: an entry ends early", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "could not be read: " + e.getMessage(), e);
        }
        for (String name : REQUIRED) {
            if (!entries.containsKey(name)) {
                throw new ModelFileException(file, "is incomplete: " + name + " is missing");
            }
        }
        SdaManifest manifest = parseManifest(file, entries.get(SdaModel.MANIFEST));
        checkCodebooks(file, manifest, entries.get(SdaModel.CODEBOOKS));
        return new SdaModel(file, contentHash, manifest, entries);
    }

    /**
     * Tells the common ways a file is not a readable archive apart (missing, empty, not a ZIP at
     * all, cut short) and hashes the whole file on the way.
     *
     * @return SHA-256 of the file's bytes, hex
     */
    private static String checkLooksLikeZip(Path file) throws ModelFileException {
        MessageDigest digest = sha256();
        byte[] head = new byte[4];
        long size = 0;
        byte[] tail = new byte[0];
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (size < head.length) {
                    System.arraycopy(buffer, 0, head, (int) size, (int) Math.min(n, head.length - size));
                }
                size += n;
                digest.update(buffer, 0, n);
                tail = lastBytes(tail, buffer, n, END_RECORD_SEARCH);
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "does not exist");
        } catch (AccessDeniedException e) {
            throw new ModelFileException(file, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw new ModelFileException(file, "could not be read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new ModelFileException(file, "is empty (0 bytes): not a model file; was it copied or downloaded "
                    + "completely?");
        }
        boolean zip = size >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
        if (!zip) {
            throw new ModelFileException(file, "is not a model file (not a ZIP archive)");
        }
        if (!hasEndRecord(tail)) {
            throw new ModelFileException(file, "is cut short (" + size + " bytes, the end of the archive is missing; "
                    + "truncated download or copy?)");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The end-of-central-directory record: 22 bytes plus a comment of at most 65535. */
    private static final int END_RECORD_SEARCH = 22 + 65535;

    private static byte[] lastBytes(byte[] tail, byte[] buffer, int n, int keep) {
        int total = Math.min(keep, tail.length + n);
        byte[] out = new byte[total];
        int fromBuffer = Math.min(n, total);
        int fromTail = total - fromBuffer;
        System.arraycopy(tail, tail.length - fromTail, out, 0, fromTail);
        System.arraycopy(buffer, n - fromBuffer, out, fromTail, fromBuffer);
        return out;
    }

    /** Whether {@code tail} ends with an end record whose comment length reaches exactly to the end. */
    private static boolean hasEndRecord(byte[] tail) {
        for (int i = tail.length - 22; i >= 0; i--) {
            if (tail[i] == 'P' && tail[i + 1] == 'K' && tail[i + 2] == 5 && tail[i + 3] == 6) {
                int commentLength = (tail[i + 20] & 0xFF) | (tail[i + 21] & 0xFF) << 8;
                if (i + 22 + commentLength == tail.length) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Writes a model atomically: readers of {@code file} see the old model or the new one whole.
     *
     * @param entries every entry except the manifest, which is written from {@code manifest}
     */
    public static void write(Path file, SdaManifest manifest, Map<String, byte[]> entries) throws IOException {
        Map<String, byte[]> sorted = new TreeMap<>(entries);
        sorted.remove(SdaModel.MANIFEST);
        for (String name : sorted.keySet()) {
            if (!TOP_LEVEL.contains(name) && !name.startsWith(SdaModel.CHECKPOINT_FOLDER)) {
                throw new IllegalArgumentException("not a model file entry: " + name);
            }
        }
        byte[] manifestBytes = manifestBytes(manifest);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, SdaModel.MANIFEST, manifestBytes);
            for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
                put(zip, e.getKey(), e.getValue());
            }
            zip.finish();
        });
    }

    /** The manifest as it is stored, for writers and for {@code sda model info --json}. */
    public static byte[] manifestBytes(SdaManifest manifest) {
        try {
            return Json.MAPPER.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest cannot be serialised", e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static void checkName(Path file, String name) throws ModelFileException {
        String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
        if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || name.contains("..")
                || name.contains("\\") || name.contains(":") || name.indexOf('\0') >= 0) {
            throw new ModelFileException(file, "contains an unsafe entry name: " + shown);
        }
        if (!TOP_LEVEL.contains(name) && !name.startsWith(SdaModel.CHECKPOINT_FOLDER)) {
            throw new ModelFileException(file, "contains an unexpected entry: " + shown);
        }
    }

    private static byte[] inflate(Path file, String name, InputStream in, Limits limits, long totalSoFar)
            throws IOException, ModelFileException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        long size = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            size += n;
            if (size > limits.maxEntryBytes()) {
                throw new ModelFileException(file, "entry " + name + " inflates beyond the "
                        + bytes(limits.maxEntryBytes()) + " limit per entry (damaged or hostile file)");
            }
            if (totalSoFar + size > limits.maxTotalBytes()) {
                throw new ModelFileException(file, "entries inflate beyond the " + bytes(limits.maxTotalBytes())
                        + " limit for all entries together (at " + name + "; damaged or hostile file)");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** A size in the largest binary unit that divides it evenly, e.g. "256 MiB", "16 KiB". */
    static String bytes(long n) {
        if (n >= 1L << 30 && n % (1L << 30) == 0) {
            return (n >> 30) + " GiB";
        }
        if (n >= 1L << 20 && n % (1L << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        if (n >= 1L << 10 && n % (1L << 10) == 0) {
            return (n >> 10) + " KiB";
        }
        return n + " bytes";
    }

    private static SdaManifest parseManifest(Path file, byte[] bytes) throws ModelFileException {
        int version;
        try {
            version = Json.MAPPER.readTree(bytes).path("formatVersion").asInt(-1);
        } catch (IOException e) {
            throw new ModelFileException(file, "manifest.json is not valid JSON: " + jsonProblem(e), e);
        }
        if (version == 1) {
            throw new ModelFileException(file, "is a format 1 model from the earlier prototype; retrain it with "
                    + "sda train (format 1 files hold different networks)");
        }
        if (version != SdaManifest.FORMAT_VERSION) {
            throw new ModelFileException(file, version < 0 ? "manifest.json has no formatVersion"
                    : "has format version " + version + ", this version of sda reads version "
                    + SdaManifest.FORMAT_VERSION + (version > SdaManifest.FORMAT_VERSION ? " (update sda)" : ""));
        }
        SdaManifest manifest;
        try {
            manifest = Json.MANIFEST.readValue(bytes);
        } catch (IOException e) {
            throw new ModelFileException(file, "manifest.json is malformed: " + jsonProblem(e), e);
        }
        if (manifest.audio() == null || manifest.vq() == null) {
            throw new ModelFileException(file, "manifest.json lacks its " + (manifest.audio() == null ? "audio" : "vq")
                    + " section");
        }
        SdaManifest.Audio audio = manifest.audio();
        SdaManifest.Vq vq = manifest.vq();
        if (audio.sampleRate() < 8000 || audio.nFft() < 16 || Integer.bitCount(audio.nFft()) != 1 || audio.hop() < 1
                || audio.melBands() < 1 || vq.levels() < 1 || vq.levels() > 16 || vq.codebookSize() < 2
                || vq.codebookSize() > 65536 || vq.codeDim() < 1 || vq.codeDim() > 4096 || vq.downsample() < 1) {
            throw new ModelFileException(file, "manifest.json has settings out of range: " + audio + ", " + vq);
        }
        if (!SdaManifest.Vq.LINEAR.equals(vq.decoderOutput()) && !SdaManifest.Vq.MEL.equals(vq.decoderOutput())) {
            throw new ModelFileException(file, "manifest.json has an unknown decoder output: " + vq.decoderOutput());
        }
        if (!SdaManifest.Vq.CONV.equals(vq.decoder()) && !SdaManifest.Vq.CONVNEXT.equals(vq.decoder())) {
            throw new ModelFileException(file, "manifest.json has an unknown decoder: " + vq.decoder()
                    + " (this engine knows conv and convnext; a newer sda reads it)");
        }
        return manifest;
    }

    private static void checkCodebooks(Path file, SdaManifest manifest, byte[] bytes) throws ModelFileException {
        SdaManifest.Vq vq = manifest.vq();
        long expected = (long) vq.levels() * vq.codebookSize() * vq.codeDim() * Float.BYTES;
        if (bytes.length != expected) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "codebooks.bin has %d bytes, the manifest's %d levels x %d codes x %d dims need %d",
                    bytes.length, vq.levels(), vq.codebookSize(), vq.codeDim(), expected));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String jsonProblem(IOException e) {
        if (!(e instanceof JsonProcessingException json)) {
            return e.getMessage();
        }
        String problem = json.getOriginalMessage();
        if (problem != null && problem.startsWith("Cannot map `null` into type")) {
            problem = "a required number is missing or null";
        }
        if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder where = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    where.append(where.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    where.append('[').append(ref.getIndex()).append(']');
                }
            }
            problem = where + ": " + problem;
        }
        return problem;
    }
}
