package org.sda.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The public facade: round trips through every encoding, probing, and the written file. */
class AudioFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, {1} channels at {2} Hz")
    @CsvSource({
        "WAV_PCM16, 2, 44100", "WAV_PCM24, 6, 96000", "WAV_FLOAT32, 1, 8000",
        "FLAC_PCM16, 1, 8000", "FLAC_PCM16, 2, 22050", "FLAC_PCM16, 6, 48000",
        "FLAC_PCM24, 2, 96000", "FLAC_PCM24, 6, 22050",
        "AIFF_PCM16, 2, 44100", "AIFF_PCM24, 6, 8000"})
    void losslessEncodingsRoundTripWithinQuantisation(AudioEncoding encoding, int channels, int rate)
            throws Exception {
        assumeTrue(encoding.isPureJava() || AudioFiles.nativeCodecsAvailable());
        AudioBuffer audio = Signals.multichannel(channels, rate, 0.5);
        Path file = dir.resolve("x." + encoding.extension());

        AudioFiles.write(file, audio, encoding);
        AudioBuffer back = AudioFiles.read(file);

        assertThat(back.sampleRate()).isEqualTo(rate);
        assertThat(back.channelCount()).isEqualTo(channels);
        assertThat(back.frameCount()).isEqualTo(audio.frameCount());
        double halfStep = encoding.bitsPerSample() == 32 ? 0 : Math.pow(2, -encoding.bitsPerSample());
        for (int c = 0; c < channels; c++) {
            assertThat(Signals.maxDifference(audio.channels()[c], back.channels()[c]))
                    .isLessThanOrEqualTo(halfStep);
        }
    }

    @ParameterizedTest(name = "{0} at {1} Hz")
    @CsvSource({"OGG_VORBIS, 44100", "OGG_VORBIS, 22050", "OGG_OPUS, 48000", "OGG_OPUS, 16000",
        "MP3, 44100", "MP3, 22050"})
    void lossyEncodingsKeepLengthAndPitch(AudioEncoding encoding, int rate) throws Exception {
        assumeTrue(AudioFiles.nativeCodecsAvailable());
        float[] tone = Signals.sine(1000, rate, 2, 0.5);
        AudioBuffer audio = new AudioBuffer(new float[][] {tone, tone.clone()}, rate);
        Path file = dir.resolve("x." + encoding.extension());

        AudioFiles.write(file, audio, encoding);
        AudioBuffer back = AudioFiles.read(file);

        assertThat(back.sampleRate()).isEqualTo(rate);
        assertThat(back.channelCount()).isEqualTo(2);
        assertThat(back.durationSeconds()).isCloseTo(2.0, within(0.05));
        int middle = back.frameCount() / 4;
        for (float[] channel : back.channels()) {
            assertThat(Signals.peakFrequency(channel, middle, middle + rate, rate))
                    .isCloseTo(1000.0, within(1.0));
            assertThat(Signals.rms(channel, middle, middle + rate))
                    .isCloseTo(0.5 / Math.sqrt(2), within(0.05));
        }
    }

    @Test
    void opusRefusesRatesItDoesNotSupportWithAClearMessage() throws IOException {
        assumeTrue(AudioFiles.nativeCodecsAvailable());
        Path file = dir.resolve("x.opus");

        assertThatThrownBy(() -> AudioFiles.write(file, Signals.multichannel(1, 44_100, 0.1),
                AudioEncoding.OGG_OPUS))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("OGG_OPUS").hasMessageContaining("48000");
        assertThat(listing()).isEmpty();
    }

    @Test
    void probeReadsTheHeaderOnly() throws Exception {
        Path wav = dir.resolve("x.wav");
        AudioFiles.write(wav, Signals.multichannel(2, 22_050, 1.5), AudioEncoding.WAV_PCM16);

        AudioInfo info = AudioFiles.probe(wav);

        assertThat(info).isEqualTo(new AudioInfo("WAV", "PCM_16", 22_050, 2, 33_075));
        assertThat(info.durationSeconds()).isEqualTo(1.5);
    }

    @Test
    void probeNamesFormatAndEncodingOfNativeFormats() throws Exception {
        assumeTrue(AudioFiles.nativeCodecsAvailable());
        AudioBuffer audio = Signals.multichannel(1, 48_000, 1);
        List<AudioInfo> expected = List.of(
                new AudioInfo("FLAC", "PCM_24", 48_000, 1, 48_000),
                new AudioInfo("AIFF", "PCM_16", 48_000, 1, 48_000),
                new AudioInfo("OGG", "VORBIS", 48_000, 1, 48_000),
                new AudioInfo("OGG", "OPUS", 48_000, 1, 48_000),
                new AudioInfo("MP3", "MPEG_LAYER_III", 48_000, 1, 48_000));
        AudioEncoding[] encodings = {AudioEncoding.FLAC_PCM24, AudioEncoding.AIFF_PCM16,
            AudioEncoding.OGG_VORBIS, AudioEncoding.OGG_OPUS, AudioEncoding.MP3};
        for (int i = 0; i < encodings.length; i++) {
            Path file = dir.resolve("x" + i + "." + encodings[i].extension());
            AudioFiles.write(file, audio, encodings[i]);

            AudioInfo info = AudioFiles.probe(file);

            assertThat(info).as(encodings[i].name()).isEqualTo(expected.get(i));
        }
    }

    @Test
    void writeReplacesAnExistingFileWholeAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("take.wav");
        AudioFiles.write(file, Signals.multichannel(2, 48_000, 3), AudioEncoding.WAV_FLOAT32);
        AudioBuffer shorter = Signals.multichannel(1, 16_000, 0.25);

        AudioFiles.write(file, shorter, AudioEncoding.WAV_PCM16);

        assertThat(listing()).containsExactly("take.wav");
        assertThat(Files.size(file)).isEqualTo(44 + 4000 * 2);
        assertThat(AudioFiles.read(file).frameCount()).isEqualTo(4000);
    }

    @Test
    void nativeWritesAreAtomicToo() throws Exception {
        assumeTrue(AudioFiles.nativeCodecsAvailable());
        Path file = dir.resolve("take.flac");
        Files.writeString(file, "old content that must disappear entirely");

        AudioFiles.write(file, Signals.multichannel(2, 44_100, 0.5), AudioEncoding.FLAC_PCM16);

        assertThat(listing()).containsExactly("take.flac");
        assertThat(AudioFiles.probe(file).format()).isEqualTo("FLAC");
    }

    @Test
    void failedWriteLeavesTheOldFileUntouched() throws Exception {
        assumeTrue(AudioFiles.nativeCodecsAvailable());
        Path file = dir.resolve("take.opus");
        byte[] before = "previous take".getBytes();
        Files.write(file, before);

        assertThatThrownBy(() -> AudioFiles.write(file, Signals.multichannel(1, 11_025, 0.1),
                AudioEncoding.OGG_OPUS)).isInstanceOf(IOException.class);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listing()).containsExactly("take.opus");
    }

    @Test
    void writingIntoAMissingDirectoryFails() {
        Path file = dir.resolve("no/such/dir/x.wav");

        assertThatThrownBy(() -> AudioFiles.write(file, Signals.multichannel(1, 8000, 0.1)))
                .isInstanceOf(IOException.class).hasMessageContaining("directory does not exist");
    }

    @Test
    void writeChoosesTheEncodingFromTheExtension() throws Exception {
        Path file = dir.resolve("x.WAV");

        AudioFiles.write(file, Signals.multichannel(1, 8000, 0.1));

        assertThat(AudioFiles.probe(file).encoding()).isEqualTo("PCM_24");
        assertThatThrownBy(() -> AudioFiles.write(dir.resolve("x.txt"), Signals.multichannel(1, 8000, 0.1)))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown audio file extension");
    }

    @Test
    void defaultEncodingsPerExtension() {
        assertThat(AudioEncoding.forFileName("a.wav")).contains(AudioEncoding.WAV_PCM24);
        assertThat(AudioEncoding.forFileName("b.Flac")).contains(AudioEncoding.FLAC_PCM24);
        assertThat(AudioEncoding.forFileName("c.aif")).contains(AudioEncoding.AIFF_PCM24);
        assertThat(AudioEncoding.forFileName("d.ogg")).contains(AudioEncoding.OGG_VORBIS);
        assertThat(AudioEncoding.forFileName("e.opus")).contains(AudioEncoding.OGG_OPUS);
        assertThat(AudioEncoding.forFileName("f.mp3")).contains(AudioEncoding.MP3);
        assertThat(AudioEncoding.forFileName("g.txt")).isEmpty();
        assertThat(AudioEncoding.forFileName("wav")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(AudioEncoding.class)
    void everyEncodingsExtensionMapsBackToItsFormat(AudioEncoding encoding) {
        assertThat(AudioEncoding.forFileName("x." + encoding.extension()))
                .hasValueSatisfying(e -> assertThat(e.extension()).isEqualTo(encoding.extension()));
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static byte[] firstHalf(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return Arrays.copyOf(bytes, bytes.length / 2);
    }
}
