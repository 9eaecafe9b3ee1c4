package org.sda.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
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

    private static final Set<String> TOP_LEVEL = Set.of(SdaModel.MANIFEST, SdaModel.ENCODER, SdaModel.QUANTIZER,
            SdaModel.DECODER, SdaModel.CODEBOOKS, SdaModel.PRIOR);
    private static final List<String> REQUIRED = List.of(SdaModel.MANIFEST, SdaModel.ENCODER, SdaModel.QUANTIZER,
            SdaModel.DECODER, SdaModel.CODEBOOKS);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private SdaModelFile() {
    }

    /** Reads and checks a whole model file. */
    public static SdaModel read(Path file) throws ModelFileException {
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file, "is a folder, not a model file");
        }
        MessageDigest digest = sha256();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(file);
             ZipInputStream zip = new ZipInputStream(new DigestInputStream(raw, digest))) {
            long total = 0;
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                checkName(file, name);
                if (entry.isDirectory()) {
                    continue;
                }
                if (entries.containsKey(name)) {
                    throw new ModelFileException(file, "entry " + name + " appears twice");
                }
                if (entries.size() >= MAX_ENTRIES) {
                    throw new ModelFileException(file, "has more than " + MAX_ENTRIES + " entries");
                }
                byte[] bytes = inflate(file, name, zip, Math.min(MAX_ENTRY_BYTES, MAX_TOTAL_BYTES - total));
                total += bytes.length;
                entries.put(name, bytes);
            }
            // Drain what follows the last entry so the hash covers the whole file.
            raw.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "does not exist");
        } catch (ZipException e) {
            throw new ModelFileException(file, "is damaged or not a model file (" + e.getMessage() + ")", e);
        } catch (java.io.EOFException e) {
            throw new ModelFileException(file, "is cut short (truncated download or copy?)", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "could not be read: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new ModelFileException(file, "is not a model file (no entries; empty, truncated or not a ZIP)");
        }
        for (String name : REQUIRED) {
            if (!entries.containsKey(name)) {
                throw new ModelFileException(file, "is incomplete: " + name + " is missing");
            }
        }
        SdaManifest manifest = parseManifest(file, entries.get(SdaModel.MANIFEST));
        checkCodebooks(file, manifest, entries.get(SdaModel.CODEBOOKS));
        return new SdaModel(file, HexFormat.of().formatHex(digest.digest()), manifest, entries);
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
            return JSON.writeValueAsBytes(manifest);
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

    private static byte[] inflate(Path file, String name, InputStream in, long limit) throws IOException,
            ModelFileException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        long size = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            size += n;
            if (size > limit) {
                throw new ModelFileException(file, String.format(Locale.ROOT,
                        "entry %s inflates beyond the %d MiB limit (damaged or hostile file)", name, limit >> 20));
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static SdaManifest parseManifest(Path file, byte[] bytes) throws ModelFileException {
        int version;
        try {
            version = JSON.readTree(bytes).path("formatVersion").asInt(-1);
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
            manifest = JSON.readValue(bytes, SdaManifest.class);
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
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }
}
