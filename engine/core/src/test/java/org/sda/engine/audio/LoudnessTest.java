package org.sda.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoudnessTest {

    @Test
    void kWeightingAt48kHzMatchesTheStandardsTable() {
        KWeighting filter = new KWeighting(48_000);

        // ITU-R BS.1770-4, tables 1 and 2.
        assertThat(filter.shelf).containsExactly(new double[] {
            1.53512485958697, -2.69169618940638, 1.19839281085285,
            -1.69065929318241, 0.73248077421585}, within(1e-8));
        assertThat(filter.highPass).containsExactly(new double[] {
            1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621}, within(1e-8));
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000, 96_000})
    void fullScale997HzSineInOneChannelIsMinus3Lufs(int rate) {
        AudioBuffer sine = AudioBuffer.mono(Signals.sine(997, rate, 10, 1.0), rate);

        assertThat(Loudness.integratedLufs(sine)).isCloseTo(-3.01, within(0.05));
    }

    @Test
    void minus20DbfsSineIsMinus23Lufs() {
        AudioBuffer sine = AudioBuffer.mono(Signals.sine(997, 48_000, 10, 0.1), 48_000);

        assertThat(Loudness.integratedLufs(sine)).isCloseTo(-23.01, within(0.05));
    }

    @Test
    void twoIdenticalChannelsAreThreeDecibelsLouderThanOne() {
        float[] tone = Signals.sine(997, 48_000, 5, 0.1);
        double mono = Loudness.integratedLufs(AudioBuffer.mono(tone, 48_000));
        double stereo = Loudness.integratedLufs(new AudioBuffer(new float[][] {tone, tone}, 48_000));

        assertThat(stereo - mono).isCloseTo(3.01, within(0.01));
    }

    @Test
    void lfeIsIgnoredAndSurroundsWeighMore() {
        float[] tone = Signals.sine(997, 48_000, 5, 0.1);
        float[] silence = new float[tone.length];
        double front = Loudness.integratedLufs(new AudioBuffer(
                new float[][] {tone, silence, silence, silence, silence, silence}, 48_000));
        double lfe = Loudness.integratedLufs(new AudioBuffer(
                new float[][] {silence, silence, silence, tone, silence, silence}, 48_000));
        double surround = Loudness.integratedLufs(new AudioBuffer(
                new float[][] {silence, silence, silence, silence, tone, silence}, 48_000));

        assertThat(lfe).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(surround - front).isCloseTo(10 * Math.log10(1.41), within(0.01));
    }

    @Test
    void silenceAndQuietPassagesAreGatedOut() {
        int rate = 48_000;
        float[] loud = Signals.sine(997, rate, 10, 0.1);
        float[] quiet = Signals.sine(997, rate, 10, 0.1 / 31.6); // 30 dB down, under the relative gate
        float[] withSilence = new float[rate * 30];
        System.arraycopy(loud, 0, withSilence, 0, loud.length);
        float[] withQuiet = new float[loud.length + quiet.length];
        System.arraycopy(loud, 0, withQuiet, 0, loud.length);
        System.arraycopy(quiet, 0, withQuiet, loud.length, quiet.length);

        // Of the gated-in blocks, 97 lie wholly in the tone and 3 straddle its end (75%, 50% and
        // 25% tone, all above the relative gate): their mean power is 98.5/100 of the tone's.
        double expected = Loudness.integratedLufs(AudioBuffer.mono(loud, rate))
                + 10 * Math.log10(98.5 / 100);
        assertThat(Loudness.integratedLufs(AudioBuffer.mono(withSilence, rate)))
                .isCloseTo(expected, within(0.005));
        assertThat(Loudness.integratedLufs(AudioBuffer.mono(withQuiet, rate)))
                .isCloseTo(expected, within(0.005));
    }

    @Test
    void silenceAndTooShortAudioHaveNoLoudnessButNoNaN() {
        AudioBuffer silence = AudioBuffer.mono(new float[48_000 * 2], 48_000);
        AudioBuffer tooShort = AudioBuffer.mono(Signals.sine(997, 48_000, 0.3, 0.5), 48_000);

        assertThat(Loudness.integratedLufs(silence)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Loudness.integratedLufs(tooShort)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Loudness.peakDbfs(silence)).isEqualTo(Double.NEGATIVE_INFINITY);

        AudioBuffer normalized = Loudness.normalizeLoudness(silence, -23);
        assertThat(normalized).isNotSameAs(silence);
        assertThat(normalized.samples()).containsOnly(0f);
        assertThat(Loudness.normalizePeak(silence, -1).samples()).containsOnly(0f);
    }

    @Test
    void peakIsTheLargestAbsoluteSampleOfAnyChannel() {
        AudioBuffer audio = new AudioBuffer(new float[][] {{0.1f, -0.25f}, {0.5f, -0.125f}}, 8000);

        assertThat(Loudness.peakDbfs(audio)).isCloseTo(-6.0206, within(1e-3));
    }

    @Test
    void normalizePeakHitsTheTargetAndLeavesTheInputAlone() {
        float[] tone = Signals.sine(440, 44_100, 1, 0.3);
        float[] original = tone.clone();
        AudioBuffer audio = AudioBuffer.mono(tone, 44_100);

        AudioBuffer louder = Loudness.normalizePeak(audio, -1.0);

        assertThat(Loudness.peakDbfs(louder)).isCloseTo(-1.0, within(1e-4));
        assertThat(tone).containsExactly(original);
    }

    @ParameterizedTest(name = "{0} LUFS")
    @ValueSource(doubles = {-14, -23, -31})
    void normalizeLoudnessHitsTheTarget(double target) {
        AudioBuffer noise = new AudioBuffer(new float[][] {
            Signals.noise(1, 44_100 * 5, 0.3), Signals.noise(2, 44_100 * 5, 0.1)}, 44_100);

        AudioBuffer normalized = Loudness.normalizeLoudness(noise, target);

        assertThat(Loudness.integratedLufs(normalized)).isCloseTo(target, within(0.01));
    }
}
