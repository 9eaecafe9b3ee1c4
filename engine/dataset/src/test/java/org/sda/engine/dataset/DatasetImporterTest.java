package org.sda.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioEncoding;

class DatasetImporterTest {

    @TempDir
    Path dir;

    @TempDir
    Path cacheDir;

    private Path sounds;

    @BeforeEach
    void makeMixedFolder() throws IOException {
        sounds = dir.resolve("sounds");
        TestSounds.write(sounds, "good_a.wav", TestSounds.tone(1.0, 44100, 2, 220), AudioEncoding.WAV_PCM16);
        TestSounds.write(sounds, "good_b.flac", TestSounds.tone(0.8, 48000, 1, 440), AudioEncoding.FLAC_PCM16);
        TestSounds.write(sounds, "nested/good_c.wav", TestSounds.tone(0.5, 22050, 1, 330), AudioEncoding.WAV_FLOAT32);
        TestSounds.write(sounds, "blip.wav", TestSounds.tone(0.05, 44100, 1, 440), AudioEncoding.WAV_PCM16);
        TestSounds.write(sounds, "silent.wav", AudioBuffer.mono(new float[44100], 44100), AudioEncoding.WAV_PCM16);
        TestSounds.truncatedFlac(sounds, "cut.flac");
        Files.writeString(sounds.resolve("notes.wav"), "this is a text file, not audio\n", StandardCharsets.UTF_8);
        Files.createFile(sounds.resolve("empty.wav"));
        Files.writeString(sounds.resolve(".hidden.wav"), "ignored");
    }

    private DatasetImporter importer() {
        return new DatasetImporter(ImportOptions.defaults(), new FeatureCache(cacheDir), 2);
    }

    private static Map<String, FileReport> byName(Dataset dataset) {
        Map<String, FileReport> reports = new HashMap<>();
        dataset.reports().forEach(r -> reports.put(r.file().getFileName().toString(), r));
        return reports;
    }

    @Test
    void everyFileGetsAVerdictAndBadFilesDoNotStopTheOthers() throws Exception {
        Dataset dataset = importer().importFrom(List.of(sounds), ImportListener.NONE);
        Map<String, FileReport> reports = byName(dataset);

        assertThat(reports).doesNotContainKey(".hidden.wav");
        assertThat(reports.get("good_a.wav").verdict()).isEqualTo(Verdict.OK);
        assertThat(reports.get("good_b.flac").verdict()).isEqualTo(Verdict.OK);
        assertThat(reports.get("good_c.wav").verdict()).isEqualTo(Verdict.OK);
        assertThat(reports.get("blip.wav").verdict()).isEqualTo(Verdict.TOO_SHORT);
        assertThat(reports.get("blip.wav").detail()).contains("shorter than the minimum");
        assertThat(reports.get("silent.wav").verdict()).isEqualTo(Verdict.SILENT);
        assertThat(reports.get("cut.flac").verdict()).isEqualTo(Verdict.CORRUPT);
        assertThat(reports.get("notes.wav").verdict()).isEqualTo(Verdict.NOT_AUDIO);
        assertThat(reports.get("empty.wav").verdict()).isEqualTo(Verdict.EMPTY);
        assertThat(dataset.reports()).hasSize(8);
        assertThat(dataset.clips()).hasSize(3);
        dataset.reports().stream().filter(r -> !r.usable())
                .forEach(r -> assertThat(r.detail()).as(r.file().toString()).isNotBlank());
    }

    @Test
    void usableClipsAreMonoAtTheModelRateWithLogMelFrames() throws Exception {
        Dataset dataset = importer().importFrom(List.of(sounds), ImportListener.NONE);
        ImportedClip b = dataset.clips().stream()
                .filter(c -> c.report().file().getFileName().toString().equals("good_b.flac")).findFirst().orElseThrow();
        // 0.8 s at 48 kHz becomes 0.8 s at 44.1 kHz.
        assertThat(b.audio().length).isBetween(35270, 35290);
        assertThat(b.report().sampleRate()).isEqualTo(48000);
        float peak = 0;
        for (float v : b.audio()) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertThat(20 * Math.log10(peak)).isCloseTo(-1.0, org.assertj.core.data.Offset.offset(0.3));
        assertThat(b.logMel().length).isEqualTo(1 + b.audio().length / 256);
        assertThat(b.logMel()[0]).hasSize(128);
    }

    @Test
    void theUsersFilesAreNeverModified() throws Exception {
        Map<Path, String> before = hashes(sounds);
        importer().importFrom(List.of(sounds), ImportListener.NONE);
        assertThat(hashes(sounds)).isEqualTo(before);
    }

    @Test
    void aSecondImportComesFromTheCacheWithTheSameResult() throws Exception {
        Dataset first = importer().importFrom(List.of(sounds), ImportListener.NONE);
        Map<String, Boolean> fromCache = new ConcurrentHashMap<>();
        Dataset second = importer().importFrom(List.of(sounds), new ImportListener() {
            @Override
            public void fileDone(FileReport report, boolean cached) {
                fromCache.put(report.file().getFileName().toString(), cached);
            }
        });
        assertThat(fromCache).hasSize(8).allSatisfy((name, cached) -> assertThat(cached).as(name).isTrue());
        assertThat(second.reports()).isEqualTo(first.reports());
        for (int i = 0; i < first.clips().size(); i++) {
            assertThat(second.clips().get(i).audio()).isEqualTo(first.clips().get(i).audio());
            assertThat(second.clips().get(i).logMel()).isDeepEqualTo(first.clips().get(i).logMel());
        }
    }

    @Test
    void aDamagedCacheEntryIsIgnoredAndRewritten() throws Exception {
        Dataset first = importer().importFrom(List.of(sounds), ImportListener.NONE);
        try (var entries = Files.walk(cacheDir)) {
            for (Path entry : entries.filter(Files::isRegularFile).toList()) {
                Files.write(entry, new byte[] {1, 2, 3});
            }
        }
        Dataset second = importer().importFrom(List.of(sounds), ImportListener.NONE);
        assertThat(second.reports()).isEqualTo(first.reports());
    }

    @Test
    void theSplitDependsOnContentNotOnNamesOrOrder() throws Exception {
        Path many = dir.resolve("many");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            files.add(TestSounds.write(many, "s" + i + ".wav", TestSounds.tone(0.3, 16000, 1, 200 + 37 * i),
                    AudioEncoding.WAV_PCM16));
        }
        Dataset inOrder = importer().importFrom(files, ImportListener.NONE);
        List<Path> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new java.util.Random(7));
        Dataset reordered = importer().importFrom(shuffled, ImportListener.NONE);

        assertThat(inOrder.validation()).hasSize(2);
        assertThat(inOrder.train()).hasSize(10);
        assertThat(names(reordered.validation())).isEqualTo(names(inOrder.validation()));

        DatasetImporter otherSeed = new DatasetImporter(ImportOptions.defaults().withSplit(0.15, 99),
                new FeatureCache(cacheDir), 2);
        assertThat(otherSeed.importFrom(files, ImportListener.NONE).validation()).hasSize(2);
    }

    @Test
    void longFilesAreSkippedUnlessCroppingIsAsked() throws Exception {
        Path longDir = dir.resolve("long");
        TestSounds.write(longDir, "long.wav", TestSounds.tone(3.0, 8000, 1, 200), AudioEncoding.WAV_PCM16);
        ImportOptions strict = ImportOptions.defaults().withDurationLimits(0.1, 2.0, false);
        Dataset skipped = new DatasetImporter(strict, null, 1).importFrom(List.of(longDir), ImportListener.NONE);
        assertThat(skipped.reports().get(0).verdict()).isEqualTo(Verdict.TOO_LONG);

        Dataset cropped = new DatasetImporter(strict.withDurationLimits(0.1, 2.0, true), null, 1)
                .importFrom(List.of(longDir), ImportListener.NONE);
        assertThat(cropped.clips()).hasSize(1);
        assertThat(cropped.clips().get(0).audio().length).isEqualTo(2 * 44100);
        assertThat(cropped.reports().get(0).detail()).contains("cropped");
    }

    @Test
    void croppingAFileBeyondTheReadersLimitDecodesOnlyItsStart() throws Exception {
        Path longDir = dir.resolve("longer-than-reader-limit");
        // 40 s against a 1 s crop: the file is read only up to the crop, in both codecs.
        TestSounds.write(longDir, "long.flac", TestSounds.tone(40.0, 8000, 1, 200), AudioEncoding.FLAC_PCM16);
        TestSounds.write(longDir, "long.wav", TestSounds.tone(40.0, 8000, 1, 200), AudioEncoding.WAV_PCM16);
        ImportOptions crop = ImportOptions.defaults().withDurationLimits(0.1, 1.0, true);
        Dataset cropped = new DatasetImporter(crop, null, 1).importFrom(List.of(longDir), ImportListener.NONE);
        assertThat(cropped.clips()).hasSize(2).allSatisfy(clip -> {
            assertThat(clip.audio()).hasSize(44100);
            assertThat(clip.report().durationSeconds()).isEqualTo(1.0);
            assertThat(clip.report().detail()).isEqualTo("cropped from 40.00 s to 1.00 s");
        });
    }

    @Test
    void missingInputsAndFoldersGiveAVerdictInsteadOfAnError() throws Exception {
        Dataset dataset = importer().importFrom(List.of(dir.resolve("nope.wav")), ImportListener.NONE);
        assertThat(dataset.reports()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.UNREADABLE);
            assertThat(r.detail()).contains("does not exist");
        });
    }

    private static List<String> names(List<ImportedClip> clips) {
        return clips.stream().map(c -> c.report().file().getFileName().toString()).sorted().toList();
    }

    private static Map<Path, String> hashes(Path root) throws IOException {
        Map<Path, String> result = new HashMap<>();
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                result.put(file, ContentHash.ofFile(file) + Files.getLastModifiedTime(file));
            }
        }
        return result;
    }
}
