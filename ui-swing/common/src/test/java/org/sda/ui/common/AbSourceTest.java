package org.sda.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.Loudness;
import org.sda.engine.audio.Mixdown;

class AbSourceTest {

    static AudioBuffer demo(String name) throws Exception {
        return Mixdown.toMono(AudioFiles.readStart(Path.of("..", "..", "installers", "demo-sounds", name), 3));
    }

    @Test
    void bothSoundsAreMatchedInLoudnessAndSwitchingContinuesAtTheSameFrame() throws Exception {
        AudioBuffer quiet = Loudness.withGain(demo("ambi_piano.flac"), -12);
        AudioBuffer loud = demo("ambi_choir.flac");
        AbSource ab = new AbSource(quiet, loud);
        assertThat(Math.abs(Loudness.integratedLufs(ab.a()) - Loudness.integratedLufs(ab.b()))).isLessThan(0.5);

        float[][] block = new float[1][1000];
        assertThat(ab.read(block, 1000)).isEqualTo(1000);
        assertThat(block[0][999]).isEqualTo(ab.a().channels()[0][999]);
        ab.select(1);
        assertThat(ab.read(block, 1000)).isEqualTo(1000);
        // B picks up at frame 1000, where A stopped: no gap, no restart.
        assertThat(block[0][0]).isEqualTo(ab.b().channels()[0][1000]);
        assertThat(ab.position()).isEqualTo(2000);
    }
}
