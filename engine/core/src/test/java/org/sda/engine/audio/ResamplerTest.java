package org.sda.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    private static final double SECONDS = 3.0;
    /** Edge ringing from the abrupt start and stop is excluded from measurements. */
    private static final double EDGE_SECONDS = 0.5;

    @BeforeEach
    void needsLibsoxr() {
        assumeTrue(Resampler.isAvailable(), "libsoxr is not installed");
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"48000, 44100", "44100, 48000", "96000, 44100", "22050, 44100", "44100, 16000"})
    void sineKeepsItsFrequencyWithAliasingBelowMinus80Db(int from, int to) {
        float[] input = Signals.sine(1000, from, SECONDS, 0.5);

        float[] output = Resampler.resample(input, from, to);

        assertThat((long) output.length).isEqualTo(Resampler.outputFrames(input.length, from, to));
        int edge = (int) (EDGE_SECONDS * to);
        assertThat(Signals.peakFrequency(output, edge, edge + to, to)).isCloseTo(1000.0, within(1.0));
        double residual = Signals.residualDb(output, edge, output.length - edge, 1000, to);
        assertThat(residual).isLessThan(-80.0);
    }

    @Test
    void downsamplingRemovesContentAboveTheNewNyquist() {
        float[] input = Signals.sine(20_000, 44_100, SECONDS, 0.5);

        float[] output = Resampler.resample(input, 44_100, 16_000);

        int edge = (int) (EDGE_SECONDS * 16_000);
        double level = Signals.db(Signals.rms(output, edge, output.length - edge)
                / Signals.rms(input, 0, input.length));
        assertThat(level).isLessThan(-80.0);
    }

    @Test
    void matchingRatesReturnTheInputUnchanged() {
        float[] input = Signals.sine(440, 48_000, 0.1, 0.5);
        AudioBuffer buffer = AudioBuffer.mono(input, 48_000);

        assertThat(Resampler.resample(input, 48_000, 48_000)).isSameAs(input);
        assertThat(Resampler.resample(buffer, 48_000)).isSameAs(buffer);
    }

    @Test
    void everyChannelIsResampledAndKeepsItsOwnContent() {
        AudioBuffer stereo = new AudioBuffer(new float[][] {
            Signals.sine(500, 48_000, SECONDS, 0.5), Signals.sine(1000, 48_000, SECONDS, 0.25)}, 48_000);

        AudioBuffer out = Resampler.resample(stereo, 44_100);

        assertThat(out.sampleRate()).isEqualTo(44_100);
        assertThat(out.channelCount()).isEqualTo(2);
        assertThat((long) out.frameCount()).isEqualTo(Resampler.outputFrames(stereo.frameCount(), 48_000, 44_100));
        int edge = (int) (EDGE_SECONDS * 44_100);
        assertThat(Signals.peakFrequency(out.channels()[0], edge, edge + 44_100, 44_100))
                .isCloseTo(500.0, within(1.0));
        assertThat(Signals.peakFrequency(out.channels()[1], edge, edge + 44_100, 44_100))
                .isCloseTo(1000.0, within(1.0));
        assertThat(Signals.residualDb(out.channels()[1], edge, out.frameCount() - edge, 1000, 44_100))
                .isLessThan(-80.0);
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertThat(Resampler.resample(new float[0], 44_100, 48_000)).isEmpty();
    }
}
