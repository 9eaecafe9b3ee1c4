package org.sda.engine.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioEncoding;
import org.sda.engine.audio.AudioFiles;

/** Small sound files made by the tests themselves, good and bad. */
final class TestSounds {

    private TestSounds() {
    }

    /** A decaying two-partial tone: pitched, with an attack, like a real one-shot. */
    static AudioBuffer tone(double seconds, int sampleRate, int channels, double frequency) {
        int frames = (int) Math.round(seconds * sampleRate);
        float[][] data = new float[channels][frames];
        for (int i = 0; i < frames; i++) {
            double t = (double) i / sampleRate;
            double envelope = Math.exp(-3 * t) * Math.min(1, t * 200);
            double value = 0.5 * envelope * (Math.sin(2 * Math.PI * frequency * t)
                    + 0.3 * Math.sin(2 * Math.PI * 2.01 * frequency * t));
            for (int c = 0; c < channels; c++) {
                data[c][i] = (float) (value * (1 - 0.2 * c));
            }
        }
        return new AudioBuffer(data, sampleRate);
    }

    static Path write(Path dir, String name, AudioBuffer audio, AudioEncoding encoding) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        AudioFiles.write(file, audio, encoding);
        return file;
    }

    /** A FLAC file cut to half its length, as an interrupted copy leaves it. */
    static Path truncatedFlac(Path dir, String name) throws IOException {
        Path file = write(dir, name, tone(2.0, 44100, 1, 330), AudioEncoding.FLAC_PCM16);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        return file;
    }
}
