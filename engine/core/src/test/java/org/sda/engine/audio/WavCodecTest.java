package org.sda.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sda.engine.audio.LibSndfile.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure-Java WAV path, on its own and against libsndfile reading the same files. */
class WavCodecTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, {1} channels at {2} Hz")
    @CsvSource({
        "WAV_PCM16, 1, 8000", "WAV_PCM16, 2, 44100", "WAV_PCM16, 6, 96000",
        "WAV_PCM24, 1, 22050", "WAV_PCM24, 2, 48000", "WAV_PCM24, 6, 96000",
        "WAV_FLOAT32, 1, 8000", "WAV_FLOAT32, 2, 22050", "WAV_FLOAT32, 6, 48000"})
    void roundTripIsExactUpToQuantisation(AudioEncoding encoding, int channels, int rate)
            throws Exception {
        AudioBuffer audio = noise(channels, rate, 0.25);
        Path file = dir.resolve("x.wav");

        WavCodec.write(file, file, audio, encoding);
        AudioBuffer back = WavCodec.read(file, 60);

        assertThat(back.sampleRate()).isEqualTo(rate);
        assertThat(back.channelCount()).isEqualTo(channels);
        double step = encoding == AudioEncoding.WAV_FLOAT32 ? 0 : Math.pow(2, -(encoding.bitsPerSample() - 1));
        for (int c = 0; c < channels; c++) {
            assertThat(Signals.maxDifference(audio.channels()[c], back.channels()[c]))
                    .isLessThanOrEqualTo(step / 2);
        }
    }

    @Test
    void integerFilesSurviveReadAndWriteBitForBit() throws Exception {
        Path first = dir.resolve("first.wav");
        Path second = dir.resolve("second.wav");
        WavCodec.write(first, first, noise(2, 44_100, 0.1), AudioEncoding.WAV_PCM24);

        WavCodec.write(second, second, WavCodec.read(first, 60), AudioEncoding.WAV_PCM24);

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void integerEncodingsClipAtFullScale() throws Exception {
        AudioBuffer hot = AudioBuffer.mono(new float[] {1.5f, -1.5f, 1.0f, -1.0f, Float.NaN}, 8000);
        Path file = dir.resolve("hot.wav");

        WavCodec.write(file, file, hot, AudioEncoding.WAV_PCM16);

        assertThat(WavCodec.read(file, 60).samples())
                .containsExactly(32767 / 32768f, -1f, 32767 / 32768f, -1f, 0f);
    }

    @Test
    void floatKeepsValuesBeyondFullScale() throws Exception {
        AudioBuffer hot = AudioBuffer.mono(new float[] {1.5f, -2.25f}, 8000);
        Path file = dir.resolve("hot.wav");

        WavCodec.write(file, file, hot, AudioEncoding.WAV_FLOAT32);

        assertThat(WavCodec.read(file, 60).samples()).containsExactly(1.5f, -2.25f);
    }

    /** Every sample format libsndfile can put in a WAV that the pure-Java reader claims to read. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "PCM_U8 mono, 65541, 1", "PCM_16 stereo, 65538, 2", "PCM_24 stereo, 65539, 2",
        "PCM_32 stereo, 65540, 2", "FLOAT stereo, 65542, 2", "DOUBLE stereo, 65543, 2",
        "WAVEX PCM_16 stereo, 1245186, 2", "WAVEX PCM_24 6ch, 1245187, 6",
        "WAVEX FLOAT 6ch, 1245190, 6", "RF64 PCM_16 stereo, 2228226, 2"})
    void pureJavaReaderAgreesWithLibsndfile(String description, int format, int channels)
            throws Exception {
        assumeTrue(SndfileCodec.isAvailable(), "libsndfile is not installed");
        Path file = dir.resolve("by-libsndfile.wav");
        SndfileCodec.write(file, file, noise(channels, 44_100, 0.2), description, format, 0);

        AudioBuffer pureJava = WavCodec.read(file, 60);
        AudioBuffer libsndfile = SndfileCodec.read(file, 60);

        assertThat(pureJava.sampleRate()).isEqualTo(libsndfile.sampleRate());
        assertThat(pureJava.channelCount()).isEqualTo(channels);
        for (int c = 0; c < channels; c++) {
            assertThat(pureJava.channels()[c]).containsExactly(libsndfile.channels()[c]);
        }
    }

    @Test
    void formatCodesUsedAboveMatchLibsndfilesConstants() {
        // The CSV above cannot reference constants; keep it honest.
        assertThat(SF_FORMAT_WAV | SF_FORMAT_PCM_U8).isEqualTo(65541);
        assertThat(SF_FORMAT_WAVEX | SF_FORMAT_PCM_24).isEqualTo(1245187);
        assertThat(SF_FORMAT_RF64 | SF_FORMAT_PCM_16).isEqualTo(2228226);
    }

    @Test
    void libsndfileReadsWhatThePureJavaWriterWrote() throws Exception {
        assumeTrue(SndfileCodec.isAvailable(), "libsndfile is not installed");
        for (AudioEncoding encoding : new AudioEncoding[] {
            AudioEncoding.WAV_PCM16, AudioEncoding.WAV_PCM24, AudioEncoding.WAV_FLOAT32}) {
            Path file = dir.resolve(encoding + ".wav");
            WavCodec.write(file, file, noise(6, 22_050, 0.1), encoding);

            AudioBuffer pureJava = WavCodec.read(file, 60);
            AudioBuffer libsndfile = SndfileCodec.read(file, 60);

            for (int c = 0; c < 6; c++) {
                assertThat(libsndfile.channels()[c]).as(encoding.name()).containsExactly(pureJava.channels()[c]);
            }
        }
    }

    @Test
    void shortDataChunkIsReportedAsTruncated() throws Exception {
        Path file = dir.resolve("cut.wav");
        WavCodec.write(file, file, AudioBuffer.mono(Signals.sine(440, 44_100, 2, 0.5), 44_100),
                AudioEncoding.WAV_PCM16);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, 44 + 40_960 * 2));

        assertThatThrownBy(() -> WavCodec.read(file, 60))
                .isInstanceOfSatisfying(AudioReadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AudioReadException.Kind.CORRUPT);
                    assertThat(e.file()).isEqualTo(file);
                })
                .hasMessage(file + ": truncated: header says 88200 frames, only 40960 could be decoded");
    }

    @Test
    void unknownDataLengthMeansTheRestOfTheFile() throws Exception {
        // Streaming writers leave the size as 0xFFFFFFFF; that is not truncation.
        Path file = dir.resolve("stream.wav");
        AudioBuffer audio = noise(2, 16_000, 0.1);
        WavCodec.write(file, file, audio, AudioEncoding.WAV_PCM16);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(40, -1);
        Files.write(file, bytes);

        assertThat(WavCodec.read(file, 60).frameCount()).isEqualTo(audio.frameCount());
    }

    @Test
    void textIsNotAudio() throws IOException {
        Path file = dir.resolve("notes.wav");
        Files.writeString(file, "these are notes, not audio\n".repeat(10));

        assertThat(WavCodec.looksLikeWav(file)).isFalse();
        assertThatThrownBy(() -> WavCodec.read(file, 60))
                .isInstanceOfSatisfying(AudioReadException.class,
                        e -> assertThat(e.kind()).isEqualTo(AudioReadException.Kind.NOT_AUDIO))
                .hasMessageStartingWith(file.toString());
    }

    @Test
    void tooLongIsRefusedBeforeDecoding() throws Exception {
        Path file = dir.resolve("long.wav");
        WavCodec.write(file, file, noise(1, 8000, 2), AudioEncoding.WAV_PCM16);

        assertThatThrownBy(() -> WavCodec.read(file, 1.0))
                .isInstanceOfSatisfying(AudioReadException.class,
                        e -> assertThat(e.kind()).isEqualTo(AudioReadException.Kind.TOO_LONG))
                .hasMessageContaining("2.0 s").hasMessageContaining("limit is 1.0 s");
    }

    private static AudioBuffer noise(int channels, int rate, double seconds) {
        float[][] data = new float[channels][];
        for (int c = 0; c < channels; c++) {
            data[c] = Signals.noise(c + 7L, (int) (rate * seconds), 0.9);
        }
        return new AudioBuffer(data, rate);
    }
}
