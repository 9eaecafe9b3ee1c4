package org.sda.engine.dataset;

import java.nio.file.Path;

/**
 * The import's account of one file: what it is and what was decided.
 *
 * @param file the file as given or found while scanning
 * @param contentHash SHA-256 of the file's bytes, hex; empty when the file could not be read
 * @param durationSeconds duration of the original audio, NaN when it could not be decoded
 * @param sampleRate original sample rate, 0 when unknown
 * @param channels original channel count, 0 when unknown
 * @param peakDbfs peak of the original audio in dBFS, NaN when unknown
 * @param verdict ok or the reason for skipping
 * @param detail a sentence explaining a skip (or noting a crop); empty for a plain ok
 * @param split train or validation for usable files, NONE otherwise
 */
public record FileReport(
        Path file,
        String contentHash,
        double durationSeconds,
        int sampleRate,
        int channels,
        double peakDbfs,
        Verdict verdict,
        String detail,
        Split split) {

    public static FileReport skipped(Path file, String contentHash, Verdict verdict, String detail) {
        return new FileReport(file, contentHash, Double.NaN, 0, 0, Double.NaN, verdict, detail, Split.NONE);
    }

    FileReport withSplit(Split newSplit) {
        return new FileReport(file, contentHash, durationSeconds, sampleRate, channels, peakDbfs, verdict, detail,
                newSplit);
    }

    FileReport withFile(Path newFile) {
        return new FileReport(newFile, contentHash, durationSeconds, sampleRate, channels, peakDbfs, verdict, detail,
                split);
    }

    public boolean usable() {
        return verdict.usable();
    }
}
