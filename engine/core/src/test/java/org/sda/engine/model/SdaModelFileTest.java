package org.sda.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SdaModelFileTest {

    @TempDir
    Path dir;

    private final SdaManifest manifest = TestManifests.manifest();
    private final Map<String, byte[]> entries = TestManifests.entries(manifest);

    private Path writeValid(String name) throws IOException {
        Path file = dir.resolve(name);
        SdaModelFile.write(file, manifest, entries);
        return file;
    }

    /** A ZIP written by hand, with whatever names and content a test needs. */
    private Path zip(String name, Map<String, byte[]> content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : content.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Path file = dir.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private Map<String, byte[]> validContent() {
        Map<String, byte[]> content = new LinkedHashMap<>();
        content.put(SdaModel.MANIFEST, SdaModelFile.manifestBytes(manifest));
        content.putAll(entries);
        return content;
    }

    private Map<String, byte[]> withManifest(byte[] manifestBytes) {
        Map<String, byte[]> content = validContent();
        content.put(SdaModel.MANIFEST, manifestBytes);
        return content;
    }

    private byte[] editedManifest(java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(SdaModelFile.manifestBytes(manifest));
        edit.accept(root);
        return json.writeValueAsBytes(root);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path file) {
        return assertThatThrownBy(() -> SdaModelFile.read(file))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file.toString() + ": ")
                .satisfies(e -> assertThat(((ModelFileException) e).file()).isEqualTo(file));
    }

    // ---- round trip and atomic writing ----

    @Test
    void aWrittenModelReadsBackTheSame() throws Exception {
        Map<String, byte[]> withExtras = new LinkedHashMap<>(entries);
        withExtras.put(SdaModel.PRIOR, new byte[] {1, 2, 3});
        withExtras.put("checkpoint/optimizer.bin", new byte[] {4, 5});
        Path file = dir.resolve("m.sda");
        SdaModelFile.write(file, manifest, withExtras);

        SdaModel model = SdaModelFile.read(file);

        assertThat(model.file()).isEqualTo(file);
        assertThat(model.manifest()).isEqualTo(manifest);
        assertThat(model.entries()).containsOnlyKeys(SdaModel.MANIFEST, SdaModel.ENCODER, SdaModel.QUANTIZER,
                SdaModel.DECODER, SdaModel.CODEBOOKS, SdaModel.PRIOR, "checkpoint/optimizer.bin");
        for (Map.Entry<String, byte[]> e : withExtras.entrySet()) {
            assertThat(model.entry(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(model.hasPrior()).isTrue();
        assertThat(model.codebooks()[2][7][3]).isEqualTo(207.3f);
        assertThat(model.codebooks()[1][0][0]).isEqualTo(100f);
    }

    @Test
    void theContentHashIsTheFilesSha256AndStable() throws Exception {
        Path a = writeValid("a.sda");
        Path b = writeValid("b.sda");
        String hash = SdaModelFile.read(a).contentHash();

        assertThat(hash).hasSize(64).matches("[0-9a-f]+");
        assertThat(SdaModelFile.read(a).contentHash()).isEqualTo(hash);
        assertThat(SdaModelFile.read(b).contentHash()).as("same content, same bytes").isEqualTo(hash);
        String expected = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(a)));
        assertThat(hash).isEqualTo(expected);

        SdaModelFile.write(b, TestManifests.manifest(3, 8, 4, 2, SdaManifest.Vq.MEL), entries);
        assertThat(SdaModelFile.read(b).contentHash()).isNotEqualTo(hash);
    }

    @Test
    void writingReplacesTheOldFileWholeAndLeavesNoTemporaryFile() throws Exception {
        Path file = writeValid("m.sda");
        SdaManifest other = TestManifests.manifest(2, 16, 8, 4, SdaManifest.Vq.MEL);
        SdaModelFile.write(file, other, TestManifests.entries(other));

        assertThat(SdaModelFile.read(file).manifest()).isEqualTo(other);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path file = writeValid("m.sda");
        byte[] before = Files.readAllBytes(file);
        Map<String, byte[]> bad = new LinkedHashMap<>(entries);
        bad.put("../evil", new byte[1]);

        assertThatThrownBy(() -> SdaModelFile.write(file, manifest, bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../evil");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    // ---- damage: not a model file ----

    @Test
    void aMissingFileSaysSo() {
        assertRefused(dir.resolve("nothing.sda")).hasMessageContaining("does not exist");
    }

    @Test
    void aFolderSaysSo() throws Exception {
        assertRefused(Files.createDirectory(dir.resolve("folder.sda"))).hasMessageContaining("is a folder");
    }

    @Test
    void aTextFileIsNotAModelFile() throws Exception {
        Path file = dir.resolve("notes.sda");
        Files.writeString(file, "these are my notes, not a model\n".repeat(20));
        assertRefused(file).hasMessageContaining("not a model file").hasMessageContaining("not a ZIP");
    }

    @Test
    void anEmptyFileSaysItIsEmpty() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.sda"));
        assertRefused(file).hasMessageContaining("is empty");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.01, 0.1, 0.3, 0.7, 0.9, 0.99})
    void aTruncatedFileIsCutShort(double fraction) throws Exception {
        Path file = writeValid("cut.sda");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        assertRefused(file).hasMessageContaining("cut short");
    }

    @Test
    void aFileCutJustBeforeItsLastByteIsCutShort() throws Exception {
        Path file = writeValid("cut.sda");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
        assertRefused(file).hasMessageContaining("cut short");
    }

    @Test
    void aZipWithoutModelEntriesIsNotAModel() throws Exception {
        Path file = zip("empty.zip", Map.of());
        assertRefused(file).hasMessageContaining("manifest.json is missing");
    }

    // ---- damage: entries ----

    @ParameterizedTest
    @ValueSource(strings = {SdaModel.MANIFEST, SdaModel.ENCODER, SdaModel.QUANTIZER, SdaModel.DECODER,
        SdaModel.CODEBOOKS})
    void aMissingRequiredEntryIsNamed(String name) throws Exception {
        Map<String, byte[]> content = validContent();
        content.remove(name);
        assertRefused(zip("m.sda", content)).hasMessageContaining("incomplete").hasMessageContaining(name + " is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "/etc/passwd", "checkpoint/../../evil", "\\windows\\evil", "C:evil",
        "checkpoint/..", "../../../../outside/x.onnx"})
    void unsafeEntryNamesAreRefused(String name) throws Exception {
        Map<String, byte[]> content = validContent();
        content.put(name, new byte[] {1});
        assertRefused(zip("m.sda", content)).hasMessageContaining("unsafe entry name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"readme.txt", "model.onnx", "Encoder.onnx", "sub/encoder.onnx"})
    void unexpectedEntriesAreRefused(String name) throws Exception {
        Map<String, byte[]> content = validContent();
        content.put(name, new byte[] {1});
        assertRefused(zip("m.sda", content)).hasMessageContaining("unexpected entry: " + name);
    }

    @Test
    void aDuplicatedEntryIsRefused() throws Exception {
        // ZipOutputStream refuses duplicate names, so write a look-alike name and patch it.
        Map<String, byte[]> content = validContent();
        content.put("encoder.onnY", new byte[] {1});
        Path file = zip("dup.sda", content);
        byte[] bytes = Files.readAllBytes(file);
        byte[] lookAlike = "encoder.onnY".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + lookAlike.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + lookAlike.length, lookAlike, 0, lookAlike.length)) {
                bytes[i + lookAlike.length - 1] = 'x';
            }
        }
        Files.write(file, bytes);
        assertRefused(file).hasMessageContaining("encoder.onnx appears twice");
    }

    @Test
    void anEntryInflatingBeyondTheLimitIsAZipBomb() throws Exception {
        Map<String, byte[]> content = validContent();
        content.put(SdaModel.PRIOR, new byte[64 * 1024]); // zeros: compresses to almost nothing
        Path file = zip("bomb.sda", content);
        assertThat(Files.size(file)).isLessThan(4 * 1024);

        assertThatThrownBy(() -> SdaModelFile.read(file, new SdaModelFile.Limits(16 * 1024, 1 << 20, 100)))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("prior.onnx inflates beyond")
                .hasMessageContaining("16 KiB");
        assertThat(SdaModelFile.read(file).entry(SdaModel.PRIOR)).hasSize(64 * 1024);
    }

    @Test
    void entriesTogetherBeyondTheTotalLimitAreRefused() throws Exception {
        Map<String, byte[]> content = validContent();
        content.put(SdaModel.PRIOR, new byte[10 * 1024]);
        content.put("checkpoint/a", new byte[10 * 1024]);
        content.put("checkpoint/b", new byte[10 * 1024]);
        Path file = zip("big.sda", content);
        assertThatThrownBy(() -> SdaModelFile.read(file, new SdaModelFile.Limits(16 * 1024, 24 * 1024, 100)))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("together")
                .hasMessageContaining("24 KiB");
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        Map<String, byte[]> content = validContent();
        for (int i = 0; i < 20; i++) {
            content.put("checkpoint/" + i, new byte[] {1});
        }
        Path file = zip("many.sda", content);
        assertThatThrownBy(() -> SdaModelFile.read(file, new SdaModelFile.Limits(1 << 20, 1 << 20, 10)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("more than 10 entries");
    }

    // ---- damage: manifest ----

    @Test
    void aManifestThatIsNotJsonSaysSo() throws Exception {
        Path file = zip("m.sda", withManifest("{ this is not json".getBytes(StandardCharsets.UTF_8)));
        assertRefused(file).hasMessageContaining("manifest.json is not valid JSON");
    }

    @Test
    void aManifestThatIsJsonButNotAnObjectSaysSo() throws Exception {
        Path file = zip("m.sda", withManifest("[1, 2, 3]".getBytes(StandardCharsets.UTF_8)));
        assertRefused(file).hasMessageContaining("manifest.json");
    }

    @Test
    void formatVersion1IsTheOldPrototype() throws Exception {
        Path file = zip("m.sda", withManifest(editedManifest(m -> m.put("formatVersion", 1))));
        assertRefused(file).hasMessageContaining("format 1").hasMessageContaining("retrain");
    }

    @Test
    void formatVersion3AsksForANewerSda() throws Exception {
        Path file = zip("m.sda", withManifest(editedManifest(m -> m.put("formatVersion", 3))));
        assertRefused(file).hasMessageContaining("format version 3").hasMessageContaining("update sda");
    }

    @Test
    void aMissingFormatVersionSaysSo() throws Exception {
        Path file = zip("m.sda", withManifest(editedManifest(m -> m.remove("formatVersion"))));
        assertRefused(file).hasMessageContaining("no formatVersion");
    }

    @ParameterizedTest
    @ValueSource(strings = {"audio", "vq"})
    void aMissingSectionIsNamed(String section) throws Exception {
        Path file = zip("m.sda", withManifest(editedManifest(m -> m.remove(section))));
        assertRefused(file).hasMessageContaining("lacks its " + section + " section");
    }

    @Test
    void aMissingRequiredNumberIsNamed() throws Exception {
        Path file = zip("m.sda", withManifest(editedManifest(m -> ((ObjectNode) m.get("vq")).remove("levels"))));
        assertRefused(file).hasMessageContaining("manifest.json").hasMessageContaining("levels");
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        Path file = zip("m.sda", withManifest(editedManifest(m -> m.put("futureField", "x"))));
        assertThat(SdaModelFile.read(file).manifest()).isEqualTo(manifest);
    }

    @Test
    void anUnknownDecoderOutputIsRefused() throws Exception {
        Path file = zip("m.sda", withManifest(editedManifest(m -> ((ObjectNode) m.get("vq")).put("decoderOutput",
                "wavelet"))));
        assertRefused(file).hasMessageContaining("unknown decoder output: wavelet");
    }

    @Test
    void anUnknownDecoderIsRefusedByName() throws Exception {
        Path file = zip("m.sda", withManifest(editedManifest(m -> ((ObjectNode) m.get("vq")).put("decoder",
                "transformer"))));
        assertRefused(file).hasMessageContaining("unknown decoder: transformer");
    }

    @Test
    void aManifestWithoutDecoderReadsAsTheConvDecoderAndAConvNextOneKeepsItsName() throws Exception {
        Path old = zip("old.sda", withManifest(editedManifest(m -> ((ObjectNode) m.get("vq")).remove("decoder"))));
        assertThat(SdaModelFile.read(old).manifest().vq().decoder()).isEqualTo(SdaManifest.Vq.CONV);
        Path next = zip("next.sda", withManifest(editedManifest(m -> ((ObjectNode) m.get("vq")).put("decoder",
                SdaManifest.Vq.CONVNEXT))));
        assertThat(SdaModelFile.read(next).manifest().vq().decoder()).isEqualTo(SdaManifest.Vq.CONVNEXT);
    }

    @Test
    void settingsOutOfRangeAreRefused() throws Exception {
        Path file = zip("m.sda", withManifest(editedManifest(m -> ((ObjectNode) m.get("audio")).put("nFft", 1000))));
        assertRefused(file).hasMessageContaining("out of range");
    }

    @Test
    void codebooksOfTheWrongSizeAreRefused() throws Exception {
        Map<String, byte[]> content = validContent();
        content.put(SdaModel.CODEBOOKS, new byte[3 * 8 * 4 * 4 - 4]);
        assertRefused(zip("m.sda", content)).hasMessageContaining("codebooks.bin has 380 bytes")
                .hasMessageContaining("need 384");
    }
}
