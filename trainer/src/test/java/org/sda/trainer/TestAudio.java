package org.sda.trainer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small generated sounds for trainer tests: decaying tones and noise bursts. */
public final class TestAudio {

    private TestAudio() {
    }

    /** A decaying tone with a little noise, {@code seconds} long at 44.1 kHz. */
    public static float[] tone(double hz, double seconds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = (int) (seconds * 44100);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / 44100.0;
            double env = Math.exp(-3 * t);
            out[i] = (float) (0.5 * env * (Math.sin(2 * Math.PI * hz * t) + 0.3 * Math.sin(4 * Math.PI * hz * t))
                    + 0.02 * env * (random.nextDouble() * 2 - 1));
        }
        return out;
    }

    /** {@code count} generated clips of about 0.6 s. */
    public static List<float[]> clips(int count) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(tone(110 * Math.pow(2, i / 5.0), 0.6, i));
        }
        return out;
    }

    /** Writes {@code count} generated clips as 16-bit mono WAV files into {@code dir}. */
    public static List<Path> writeWavs(Path dir, int count) throws IOException {
        List<Path> files = new ArrayList<>();
        List<float[]> clips = clips(count);
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve("sound" + i + ".wav");
            Files.write(file, wav(clips.get(i), 44100));
            files.add(file);
        }
        return files;
    }

    static byte[] wav(float[] samples, int rate) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples.length * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(samples.length * 2);
        for (float s : samples) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
        }
        return b.array();
    }
}
