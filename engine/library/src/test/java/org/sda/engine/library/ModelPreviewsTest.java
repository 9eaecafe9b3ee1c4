package org.sda.engine.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.inference.ToyPrior;

/** A model's preview is generated once from the model, kept by content, and refused for bad files by name. */
class ModelPreviewsTest {

    @TempDir
    Path dir;

    private static float peak(float[] samples) {
        float p = 0;
        for (float v : samples) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    @Test
    void aPreviewIsGeneratedOnceKeptByContentAndReadBackTheSame() throws Exception {
        try (ModelLibrary lib = ModelLibrary.open(dir.resolve("library"))) {
            ModelEntry entry = lib.add(ToyPrior.model(dir.resolve("toy.sda")).file(), "Toy", List.of());
            ModelPreviews previews = ModelPreviews.of(lib);

            ModelPreviews.Preview first = previews.preview(entry);
            assertThat(first.generated()).isTrue();
            assertThat(first.note()).isNull();
            assertThat(first.kept()).isEqualTo(dir.resolve("library").resolve("previews")
                    .resolve(entry.contentHash().toLowerCase(java.util.Locale.ROOT) + ".wav")).isRegularFile();
            assertThat(first.audio().durationSeconds()).isGreaterThan(0.2).isLessThanOrEqualTo(ModelPreviews.MAX_SECONDS + 0.1);
            assertThat(peak(first.audio().samples())).as("a sound, not silence").isGreaterThan(0.01f);

            // Renamed, the model keeps its preview: read back, not generated again.
            ModelEntry renamed = lib.rename(entry.id(), "Toy renamed");
            ModelPreviews.Preview again = previews.preview(renamed);
            assertThat(again.generated()).isFalse();
            assertThat(again.audio().samples()).isEqualTo(first.audio().samples());

            // A damaged kept preview is only a cache: made again, with the same (seeded) samples.
            Files.write(first.kept(), new byte[] {1, 2, 3});
            ModelPreviews.Preview remade = previews.preview(renamed);
            assertThat(remade.generated()).isTrue();
            assertThat(remade.audio().samples()).isEqualTo(first.audio().samples());
        }
    }

    @Test
    void aCorruptModelOrOneWithoutAPriorIsRefusedNamingItsFile() throws Exception {
        try (ModelLibrary lib = ModelLibrary.open(dir.resolve("library"))) {
            ModelEntry toy = lib.add(ToyPrior.model(dir.resolve("toy.sda")).file(), "Toy", List.of());
            ModelEntry silent = lib.add(ToyPrior.withoutPrior(dir.resolve("noprior.sda")).file(), "No prior", List.of());
            // The file is damaged after it was listed (a disk error, a half-copied file).
            Files.write(toy.file(), "not a model".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ModelPreviews previews = ModelPreviews.of(lib);

            assertThatThrownBy(() -> previews.preview(toy)).isInstanceOf(LibraryException.class)
                    .hasMessageContaining(toy.file().getFileName().toString());
            assertThatThrownBy(() -> previews.preview(silent)).isInstanceOf(LibraryException.class)
                    .hasMessageContaining(silent.file().getFileName().toString())
                    .hasMessageContaining("prior");
            assertThat(previews.folder().resolve("x")).doesNotExist();
        }
    }
}
