package org.sda.engine.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.AudioInfo;
import org.sda.engine.audio.Loudness;
import org.sda.engine.audio.Resampler;

class AudioExporterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void eachFormatDecodesBackThroughLibsndfileAtTheRightLengthAndRate(ExportFormat format) throws Exception {
        assumeTrue(AudioFiles.nativeCodecsAvailable(), "libsndfile1 is not installed");
        AudioBuffer sound = DemoSounds.mono("ambi_glass_hum.flac", 1.5);
        Path file = dir.resolve("out." + format.extension());

        AudioExporter.Result result = AudioExporter.export(sound, file, ExportSettings.DEFAULT.withFormat(format));

        int rate = format == ExportFormat.OPUS ? 48_000 : sound.sampleRate();
        long frames = format == ExportFormat.OPUS
                ? Resampler.outputFrames(sound.frameCount(), sound.sampleRate(), rate) : sound.frameCount();
        assertThat(result.sampleRate()).isEqualTo(rate);
        assertThat(result.frames()).isEqualTo((int) frames);
        AudioBuffer back = AudioFiles.read(file);
        assertThat(back.sampleRate()).isEqualTo(rate);
        assertThat(back.channelCount()).isEqualTo(1);
        if (format.isLossy()) {
            // Lossy codecs may pad to whole frames (MP3: 1152 samples); no more than one frame.
            assertThat((long) back.frameCount()).isBetween(frames, frames + 1152);
        } else {
            assertThat((long) back.frameCount()).isEqualTo(frames);
        }
        AudioInfo info = AudioFiles.probe(file);
        assertThat(info.sampleRate()).isEqualTo(rate);
    }

    @Test
    void aChosenRateIsWrittenAndReadBack() throws Exception {
        AudioBuffer sound = DemoSounds.mono("ambi_piano.flac", 1.0);
        Path file = dir.resolve("at48k.wav");
        AudioExporter.export(sound, file, ExportSettings.DEFAULT.withSampleRate(48_000));
        AudioBuffer back = AudioFiles.read(file);
        assertThat(back.sampleRate()).isEqualTo(48_000);
        assertThat((long) back.frameCount()).isEqualTo(Resampler.outputFrames(sound.frameCount(), sound.sampleRate(), 48_000));
    }

    @Test
    void opusRefusesAnotherExplicitRate() {
        assertThatThrownBy(() -> ExportSettings.DEFAULT.withFormat(ExportFormat.OPUS).withSampleRate(44_100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("48000 Hz only");
    }

    @Test
    void loudnessAndPeakNormalisationReachTheirTargets() throws Exception {
        AudioBuffer sound = DemoSounds.mono("ambi_choir.flac", 3.0);
        AudioExporter.Rendered lufs = AudioExporter.render(sound,
                ExportSettings.DEFAULT.withNormalization(Normalization.loudness(-23)));
        assertThat(Loudness.integratedLufs(lufs.audio())).isCloseTo(-23, org.assertj.core.data.Offset.offset(0.1));
        AudioExporter.Rendered peak = AudioExporter.render(sound,
                ExportSettings.DEFAULT.withNormalization(Normalization.peak(-6)));
        assertThat(Loudness.peakDbfs(peak.audio())).isCloseTo(-6, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aResultThatWouldClipIsTurnedDownAndSaysSo() throws Exception {
        AudioBuffer sound = DemoSounds.mono("ambi_choir.flac", 2.0);
        AudioExporter.Rendered loud = AudioExporter.render(sound,
                ExportSettings.DEFAULT.withNormalization(Normalization.loudness(-3)));
        assertThat(Loudness.peakDbfs(loud.audio())).isLessThanOrEqualTo(AudioExporter.CLIP_GUARD_DBFS + 1e-3);
        assertThat(loud.note()).contains("to avoid clipping");
    }

    @Test
    void aFullDiskIsReportedBeforeWritingAndNothingIsLeft() throws Exception {
        AudioBuffer sound = DemoSounds.mono("ambi_piano.flac", 1.0);
        Path file = dir.resolve("full.wav");
        assertThatThrownBy(() -> AudioExporter.export(sound, file, ExportSettings.DEFAULT, folder -> 10_000))
                .isInstanceOfSatisfying(ExportException.class, e -> assertThat(e.kind()).isEqualTo(ExportException.Kind.DISK_FULL))
                .hasMessageContaining("the disk is full").hasMessageContaining(dir.toString());
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void writeFailuresAreExplainedByKind() {
        Path where = dir.resolve("x.wav");
        assertThat(AudioExporter.explain(where, new FileSystemException(where.toString(), null, "No space left on device")).kind())
                .isEqualTo(ExportException.Kind.DISK_FULL);
        assertThat(AudioExporter.explain(where, new FileSystemException(where.toString(), null, "Read-only file system")).kind())
                .isEqualTo(ExportException.Kind.FOLDER_READ_ONLY);
        assertThat(AudioExporter.explain(where, new AccessDeniedException(where.toString())))
                .hasMessageContaining(where.toString()).hasMessageContaining("read-only or permission denied");
    }

    @Test
    void aReadOnlyFolderIsRefusedWithItsName() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(folder), "running as root: permissions do not stop writes");
            AudioBuffer sound = DemoSounds.mono("ambi_piano.flac", 0.5);
            assertThatThrownBy(() -> AudioExporter.export(sound, folder.resolve("a.wav"), ExportSettings.DEFAULT))
                    .isInstanceOfSatisfying(ExportException.class, e -> assertThat(e.kind()).isEqualTo(ExportException.Kind.FOLDER_READ_ONLY))
                    .hasMessageContaining(folder.toString());
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFolderThatIsAFileIsReportedWithItsName() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("plain"), "x");
        AudioBuffer sound = AudioBuffer.mono(new float[4410], 44_100);
        assertThatThrownBy(() -> AudioExporter.export(sound, notAFolder.resolve("a.wav"), ExportSettings.DEFAULT))
                .isInstanceOf(ExportException.class).hasMessageContaining(notAFolder.toString());
    }

    @Test
    void everyFormatThisSystemCannotWriteIsNamedInTheMessage() {
        for (ExportFormat format : ExportFormat.values()) {
            if (!AudioExporter.isAvailable(format)) {
                assertThatThrownBy(() -> AudioExporter.checkEncoder(format, 48_000, 2))
                        .hasMessageContaining(format.label());
            }
        }
    }
}
