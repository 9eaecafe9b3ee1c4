package org.sda.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MixdownTest {

    @Test
    void monoIsTheAverageOfAllChannels() {
        AudioBuffer stereo = new AudioBuffer(new float[][] {{1f, 0.5f, -1f}, {0f, 0.5f, 1f}}, 22_050);

        AudioBuffer mono = Mixdown.toMono(stereo);

        assertThat(mono.channelCount()).isEqualTo(1);
        assertThat(mono.sampleRate()).isEqualTo(22_050);
        assertThat(mono.samples()).containsExactly(0.5f, 0.5f, 0f);
    }

    @Test
    void sixChannelsAverageToo() {
        AudioBuffer six = Signals.multichannel(6, 48_000, 0.01);

        float[] mono = Mixdown.toMono(six).samples();

        for (int i = 0; i < mono.length; i++) {
            double sum = 0;
            for (float[] channel : six.channels()) {
                sum += channel[i];
            }
            assertThat((double) mono[i]).isCloseTo(sum / 6, org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void monoInputIsReturnedAsIs() {
        AudioBuffer mono = AudioBuffer.mono(new float[] {0.1f, 0.2f}, 8000);

        assertThat(Mixdown.toMono(mono)).isSameAs(mono);
    }
}
