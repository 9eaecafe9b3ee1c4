package org.sda.engine.codes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.sda.engine.io.AtomicFiles;

/**
 * The {@code codes.json} form of a grid (format {@value #FORMAT}, version {@value #VERSION}; see
 * {@code docs/CODES-FORMAT.md}). Writing is atomic; reading checks everything and fails with a
 * {@link CodesFileException} naming the file and the problem. A grid written and read back is
 * {@link CodeGrid#equals equal} to the original, blend weights included (floats are written in
 * their shortest exact form). Thread-safe (no state).
 */
public final class CodesJson {

    public static final String FORMAT = "sda-codes";
    public static final int VERSION = 1;
    /** Largest file read: a 30-minute grid of 4 levels with blends is about 25 MB of JSON. */
    static final long MAX_BYTES = 256L << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    /** Indented objects, each array on one line: a grid row stays one line of the file. */
    private static final ObjectWriter WRITER = JSON.writer(new DefaultPrettyPrinter()
            .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance));

    /** The document as stored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(String format, int version, ModelRef model, int levels, List<String> levelLabels,
                    int codebookSize, double frameRate, int sampleRate, int hop, int downsample, int samples,
                    double gainDb, int[][] codes, Blend blend) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelRef(String name, String hash) {
    }

    /** Per cell: the code blended in and its weight (0 where a cell is not blended). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Blend(int[][] codes, float[][] weights) {
    }

    private CodesJson() {
    }

    /** The document's bytes. */
    public static byte[] bytes(CodeGrid grid) {
        int levels = grid.levels();
        int frames = grid.frames();
        int[][] codes = new int[levels][frames];
        int[][] blendCodes = grid.hasBlend() ? new int[levels][frames] : null;
        float[][] weights = blendCodes == null ? null : new float[levels][frames];
        for (int l = 0; l < levels; l++) {
            for (int t = 0; t < frames; t++) {
                Cell cell = grid.cell(l, t);
                codes[l][t] = cell.code();
                if (blendCodes != null) {
                    blendCodes[l][t] = cell.blendCode();
                    weights[l][t] = cell.weight();
                }
            }
        }
        GridTiming timing = grid.timing();
        Document doc = new Document(FORMAT, VERSION, new ModelRef(grid.model().name(), grid.model().hash()), levels,
                grid.levelLabels(), grid.model().codebookSize(), timing.frameRate(), timing.sampleRate(),
                timing.hop(), timing.downsample(), grid.samples(), grid.gainDb(), codes,
                blendCodes == null ? null : new Blend(blendCodes, weights));
        try {
            return WRITER.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a code grid cannot be serialised", e);
        }
    }

    /** Writes {@code grid} to {@code file} atomically. */
    public static void write(Path file, CodeGrid grid) throws IOException {
        byte[] bytes = bytes(grid);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads a grid and checks that it belongs to {@code expected} (same networks and codebooks).
     *
     * @throws CodesFileException if the file cannot be read, is not a codes file, is damaged, or
     *     was made with another model (the message says which)
     */
    public static CodeGrid read(Path file, ModelIdentity expected) throws CodesFileException {
        CodeGrid grid = read(file);
        if (!grid.model().sameNetworks(expected)) {
            throw new CodesFileException(file, "was encoded with model " + grid.model() + ", not with this model "
                    + expected + "; codes only mean something to the model that made them: encode the sound again"
                    + " with this model");
        }
        return grid;
    }

    /** Reads and checks a grid without asking which model it belongs to. */
    public static CodeGrid read(Path file) throws CodesFileException {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new CodesFileException(file, "is a folder, not a codes file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new CodesFileException(file, "is larger than " + (MAX_BYTES >> 20) + " MiB: not a codes file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CodesFileException(file, "does not exist");
        } catch (AccessDeniedException e) {
            throw new CodesFileException(file, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw new CodesFileException(file, "could not be read: " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new CodesFileException(file, "is empty (0 bytes)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new CodesFileException(file, "is not valid JSON (" + originalMessage(e) + "); cut short or not a "
                    + "codes file?", e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new CodesFileException(file, "is not a codes file (no \"format\": \"" + FORMAT + "\")");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new CodesFileException(file, version < 0 ? "has no version" : "has codes format version " + version
                    + ", this version of sda reads version " + VERSION + (version > VERSION ? " (update sda)" : ""));
        }
        Document doc;
        try {
            doc = JSON.treeToValue(root, Document.class);
        } catch (IOException e) {
            throw new CodesFileException(file, "is malformed: " + originalMessage(e), e);
        }
        return toGrid(file, doc);
    }

    private static CodeGrid toGrid(Path file, Document doc) throws CodesFileException {
        if (doc.model() == null || doc.model().hash() == null || doc.codes() == null || doc.codes().length == 0
                || doc.levelLabels() == null) {
            throw new CodesFileException(file, "lacks " + (doc.model() == null || doc.model().hash() == null
                    ? "the model's identity" : doc.codes() == null || doc.codes().length == 0 ? "its codes"
                    : "its level labels"));
        }
        try {
            GridTiming timing = new GridTiming(doc.sampleRate(), doc.hop(), doc.downsample());
            if (Math.abs(doc.frameRate() - timing.frameRate()) > 1e-6 * timing.frameRate()) {
                throw new IllegalArgumentException("frame rate " + doc.frameRate() + " does not match "
                        + doc.sampleRate() + " Hz / (hop " + doc.hop() + " x " + doc.downsample() + ")");
            }
            if (doc.levels() != doc.codes().length) {
                throw new IllegalArgumentException("says " + doc.levels() + " levels but has " + doc.codes().length
                        + " rows of codes");
            }
            if (doc.codebookSize() < 2) {
                throw new IllegalArgumentException("codebook size " + doc.codebookSize() + " is out of range");
            }
            for (int[] row : doc.codes()) {
                if (row == null) {
                    throw new IllegalArgumentException("a row of codes is null");
                }
            }
            ModelIdentity model = new ModelIdentity(doc.model().name() == null ? "" : doc.model().name(),
                    doc.model().hash(), doc.levels(), doc.codebookSize());
            Blend blend = doc.blend();
            if (blend != null && (blend.codes() == null || blend.weights() == null)) {
                throw new IllegalArgumentException("blend needs both codes and weights");
            }
            return CodeGrid.of(model, doc.levelLabels(), timing, doc.samples(), doc.gainDb(), doc.codes(),
                    blend == null ? null : blend.codes(), blend == null ? null : blend.weights());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CodesFileException(file, "is damaged: " + e.getMessage(), e);
        }
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException json && json.getOriginalMessage() != null
                ? json.getOriginalMessage() : e.getMessage();
    }
}
