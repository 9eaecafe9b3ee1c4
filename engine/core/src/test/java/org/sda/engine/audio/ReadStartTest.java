package org.sda.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReadStartTest {

    @TempDir
    Path dir;

    private static AudioBuffer ramp(int frames, int rate) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = (i % 1000) / 2000f;
        }
        return AudioBuffer.mono(x, rate);
    }

    @ParameterizedTest
    @EnumSource(value = AudioEncoding.class, names = {"WAV_PCM16", "WAV_FLOAT32", "FLAC_PCM16", "AIFF_PCM16"})
    void readsExactlyTheStartAndAllOfAShorterFile(AudioEncoding encoding) throws Exception {
        Path file = dir.resolve("a." + encoding.extension());
        AudioBuffer original = ramp(80_000, 8000);
        AudioFiles.write(file, original, encoding);

        AudioBuffer start = AudioFiles.readStart(file, 2.0);
        assertThat(start.frameCount()).isEqualTo(16_000);
        float[] whole = AudioFiles.read(file).samples();
        assertThat(start.samples()).isEqualTo(Arrays.copyOf(whole, 16_000));
        assertThat(AudioFiles.readStart(file, 60.0).frameCount()).isEqualTo(80_000);
    }

    @ParameterizedTest
    @EnumSource(value = AudioEncoding.class, names = {"WAV_PCM16", "FLAC_PCM16"})
    void damageAfterTheStartDoesNotMatterButDamageBeforeItDoes(AudioEncoding encoding) throws Exception {
        Path file = dir.resolve("cut." + encoding.extension());
        AudioFiles.write(file, ramp(80_000, 8000), encoding);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        assertThat(AudioFiles.readStart(file, 1.0).frameCount()).isEqualTo(8000);
        assertThatThrownBy(() -> AudioFiles.readStart(file, 9.0))
                .isInstanceOf(AudioReadException.class)
                .hasMessageContaining("truncated");
    }
}
