package org.sda.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sda.engine.audio.AudioReadException.Kind.CORRUPT;
import static org.sda.engine.audio.AudioReadException.Kind.EMPTY;
import static org.sda.engine.audio.AudioReadException.Kind.NOT_AUDIO;
import static org.sda.engine.audio.AudioReadException.Kind.TOO_LONG;
import static org.sda.engine.audio.AudioReadException.Kind.UNREADABLE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a read can fail, classified by kind, with the file named in the message. */
class AudioReadErrorsTest {

    @TempDir
    Path dir;

    @Test
    void textRenamedToWavIsNotAudio() throws Exception {
        Path file = dir.resolve("readme.wav");
        Files.writeString(file, "This is a text file that someone renamed.\n".repeat(50));

        assertFailure(file, NOT_AUDIO).hasMessageContaining("not a recognised audio format");
    }

    @Test
    void textRenamedToMp3IsNotAudioEither() throws Exception {
        // libsndfile hands .mp3 names to its MP3 decoder, whose complaint looks like damage.
        Path file = dir.resolve("readme.mp3");
        Files.writeString(file, "This is a text file that someone renamed.\n".repeat(50));

        assertFailure(file, NOT_AUDIO);
    }

    @Test
    void randomBytesAreNotAudio() throws Exception {
        Path file = dir.resolve("noise.flac");
        byte[] bytes = new byte[50_000];
        new Random(3).nextBytes(bytes);
        bytes[0] = 0; // never an accidental MPEG sync word
        Files.write(file, bytes);

        assertFailure(file, NOT_AUDIO);
    }

    @Test
    void zeroByteFileIsEmpty() throws Exception {
        Path file = Files.createFile(dir.resolve("nothing.wav"));

        assertFailure(file, EMPTY).hasMessageContaining("0 bytes");
    }

    @Test
    void missingFileIsUnreadable() {
        assertFailure(dir.resolve("gone.wav"), UNREADABLE).hasMessageContaining("does not exist");
    }

    @Test
    void directoryIsUnreadable() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("folder.wav"));

        assertFailure(directory, UNREADABLE).hasMessageContaining("directory");
    }

    @Test
    void fileWithoutPermissionIsUnreadable() throws Exception {
        Path file = dir.resolve("secret.wav");
        AudioFiles.write(file, Signals.multichannel(1, 8000, 0.1), AudioEncoding.WAV_PCM16);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(file), "running with privileges that ignore permissions");

        assertFailure(file, UNREADABLE).hasMessageContaining("permission denied");
    }

    @Test
    void wavWithShortDataChunkIsTruncated() throws Exception {
        Path file = dir.resolve("cut.wav");
        AudioFiles.write(file, Signals.multichannel(1, 44_100, 2), AudioEncoding.WAV_PCM16);
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 44 + 40_960 * 2));

        assertFailure(file, CORRUPT)
                .hasMessage(file + ": truncated: header says 88200 frames, only 40960 could be decoded");
    }

    @Test
    void aiffCutShortIsTruncated() throws Exception {
        assumeTrue(AudioFiles.nativeCodecsAvailable());
        Path whole = dir.resolve("whole.aiff");
        Path cut = dir.resolve("cut.aiff");
        AudioFiles.write(whole, Signals.multichannel(1, 44_100, 2), AudioEncoding.AIFF_PCM16);
        Files.write(cut, AudioFilesTest.firstHalf(whole));

        assertFailure(cut, CORRUPT)
                .hasMessageStartingWith(cut + ": truncated: header says 88200 frames, only ");
    }

    @Test
    void flacCutInHalfIsTruncated() throws Exception {
        assumeTrue(AudioFiles.nativeCodecsAvailable());
        Path whole = dir.resolve("whole.flac");
        Path cut = dir.resolve("cut.flac");
        AudioFiles.write(whole, Signals.multichannel(2, 44_100, 2), AudioEncoding.FLAC_PCM16);
        Files.write(cut, AudioFilesTest.firstHalf(whole));

        assertFailure(cut, CORRUPT)
                .hasMessageStartingWith(cut + ": truncated: header says 88200 frames, only ")
                .hasMessageContaining("could be decoded");
    }

    @Test
    void mp3CutInHalfIsTruncated() throws Exception {
        assumeTrue(AudioFiles.nativeCodecsAvailable());
        Path whole = dir.resolve("whole.mp3");
        Path cut = dir.resolve("cut.mp3");
        AudioFiles.write(whole, Signals.multichannel(2, 44_100, 2), AudioEncoding.MP3);
        Files.write(cut, AudioFilesTest.firstHalf(whole));

        assertFailure(cut, CORRUPT).hasMessageContaining("truncated");
    }

    @Test
    void oggCutInHalfIsCorrupt() throws Exception {
        assumeTrue(AudioFiles.nativeCodecsAvailable());
        Path whole = dir.resolve("whole.ogg");
        Path cut = dir.resolve("cut.ogg");
        AudioFiles.write(whole, Signals.multichannel(2, 44_100, 2), AudioEncoding.OGG_VORBIS);
        Files.write(cut, AudioFilesTest.firstHalf(whole));

        assertFailure(cut, CORRUPT);
    }

    @Test
    void flacHeaderAloneIsCorruptNotSilence() throws Exception {
        assumeTrue(AudioFiles.nativeCodecsAvailable());
        Path whole = dir.resolve("whole.flac");
        Path cut = dir.resolve("head.flac");
        AudioFiles.write(whole, Signals.multichannel(1, 44_100, 1), AudioEncoding.FLAC_PCM16);
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(whole), 200));

        assertFailure(cut, CORRUPT);
    }

    /** A FLAC whose stream the decoder rejects outright says so in words, not in libsndfile's. */
    @Test
    void flacCutInsideItsStreamSaysCorruptOrCutShort() throws Exception {
        assumeTrue(AudioFiles.nativeCodecsAvailable());
        Path whole = dir.resolve("whole.flac");
        Path cut = dir.resolve("stub.flac");
        AudioFiles.write(whole, Signals.multichannel(2, 44_100, 2), AudioEncoding.FLAC_PCM16);
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(whole), 40));

        assertFailure(cut, CORRUPT).hasMessageStartingWith(cut + ": ").hasMessageContaining("corrupt or cut short");
    }

    @Test
    void filesLongerThanTheLimitAreRefused() throws Exception {
        Path wav = dir.resolve("long.wav");
        AudioFiles.write(wav, Signals.multichannel(2, 8000, 3), AudioEncoding.WAV_PCM16);

        assertThat(AudioFiles.read(wav, 3.0).frameCount()).isEqualTo(24_000);
        assertThatThrownBy(() -> AudioFiles.read(wav, 2.0))
                .isInstanceOfSatisfying(AudioReadException.class,
                        e -> assertThat(e.kind()).isEqualTo(TOO_LONG))
                .hasMessage(wav + ": too long to load: 3.0 s (2 channels at 8000 Hz, 0 MiB decoded);"
                        + " the limit is 2.0 s");
    }

    @Test
    void theLimitAppliesToNativeFormatsToo() throws Exception {
        assumeTrue(AudioFiles.nativeCodecsAvailable());
        for (AudioEncoding encoding : new AudioEncoding[] {AudioEncoding.FLAC_PCM16, AudioEncoding.OGG_VORBIS}) {
            Path file = dir.resolve("long." + encoding.extension());
            AudioFiles.write(file, Signals.multichannel(1, 8000, 3), encoding);

            assertThatThrownBy(() -> AudioFiles.read(file, 1.0))
                    .isInstanceOfSatisfying(AudioReadException.class,
                            e -> assertThat(e.kind()).isEqualTo(TOO_LONG));
        }
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFailure(
            Path file, AudioReadException.Kind kind) {
        return assertThatThrownBy(() -> AudioFiles.read(file))
                .isInstanceOfSatisfying(AudioReadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.file()).isEqualTo(file);
                })
                .hasMessageStartingWith(file + ": ");
    }
}
