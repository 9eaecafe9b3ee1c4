package org.sda.engine.audio;

/**
 * What a file's header says, without decoding it: see {@link AudioFiles#probe}.
 *
 * @param format container, for example {@code "WAV"}, {@code "FLAC"}, {@code "OGG"}, {@code "MP3"}
 * @param encoding sample encoding inside the container, for example {@code "PCM_16"},
 *     {@code "FLOAT"}, {@code "VORBIS"}, {@code "OPUS"}, {@code "MPEG_LAYER_III"}
 * @param sampleRate samples per second per channel
 * @param channels channel count
 * @param frames samples per channel as the header states; for MP3 without a length tag this is
 *     the decoder's estimate, and {@code -1} means the header does not say
 */
public record AudioInfo(String format, String encoding, int sampleRate, int channels, long frames) {

    /** Length in seconds, or {@code NaN} when {@link #frames()} is unknown. */
    public double durationSeconds() {
        return frames < 0 ? Double.NaN : (double) frames / sampleRate;
    }
}
