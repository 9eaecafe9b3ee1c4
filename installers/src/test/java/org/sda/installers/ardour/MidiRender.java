package org.sda.installers.ardour;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.AudioReadException;

/**
 * One headless Ardour render of a few notes through an instrument plugin (the Lua script
 * {@code render-midi-session.lua}), retried when Ardour crashes before the WAV is complete.
 *
 * <p>Debian's Ardour 7.3 aborts now and then, mostly in {@code close_session()} after the export
 * (glibc heap-corruption messages): interleaved on a busy 2-core machine, 11 of 54 runs with its
 * own LV2 synth and 14 of 84 with this plugin; one run of each aborted before its WAV was
 * complete. A run that aborts is retried, a bounded number of times; the complete WAV of one
 * that aborted is used only when every attempt aborted. Such a WAV is not to be trusted: twice,
 * on quiet machines, the sine instrument's export from a run that aborted at teardown had sound
 * 36 dB above silence before the first note, which no run that ended normally ever had. A run
 * that ends normally without a WAV is not retried: that is a real failure.
 */
final class MidiRender {

    /** Session rate the script creates; the plugin resamples its model's 44.1 kHz to it. */
    static final int SESSION_RATE = 48000;
    /** Ardour's default tempo in a new session. */
    static final double BEATS_PER_SECOND = 2.0;
    static final int MAX_ATTEMPTS = 4;

    /** A note in beats from the session start. */
    record Note(int pitch, double startBeat, double beats, int velocity) {

        double startSeconds() {
            return startBeat / BEATS_PER_SECOND;
        }

        double endSeconds() {
            return (startBeat + beats) / BEATS_PER_SECOND;
        }
    }

    /** The outcome: the exported audio and every attempt's exit status and output. */
    record Result(AudioBuffer audio, List<Ardour.Run> attempts) {

        int crashes() {
            return (int) attempts.stream().filter(Ardour.Run::crashed).count();
        }
    }

    private MidiRender() {
    }

    static Result render(Ardour ardour, Path home, Path work, String pluginType, String pluginId, double seconds,
            List<Note> notes, Duration timeout) throws IOException, InterruptedException {
        return render(ardour, home, Map.of(), work, pluginType, pluginId, seconds, notes, timeout);
    }

    /** As above, with extra environment variables for Ardour (and so for the plugin's JVM). */
    static Result render(Ardour ardour, Path home, Map<String, String> env, Path work, String pluginType,
            String pluginId, double seconds, List<Note> notes, Duration timeout) throws IOException, InterruptedException {
        Path script = work.resolve("render-midi-session.lua");
        try (InputStream in = MidiRender.class.getResourceAsStream("render-midi-session.lua")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        String noteList = notes.stream()
                .map(n -> n.pitch() + ":" + n.startBeat() + ":" + n.beats() + ":" + n.velocity())
                .collect(Collectors.joining(","));
        List<Ardour.Run> attempts = new ArrayList<>();
        AudioBuffer fromACrashedRun = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Path session = work.resolve("session-" + attempt);
            Ardour.Run run = ardour.lua(home, env, script, timeout, session.toString(), pluginType, pluginId,
                    Double.toString(seconds), noteList);
            attempts.add(run);
            Path wav = session.resolve("render.wav");
            AudioBuffer audio = completeWav(wav, seconds);
            if (audio != null && !run.crashed()) {
                return new Result(audio, attempts);
            }
            if (audio != null) {
                fromACrashedRun = audio;
                System.out.printf("Ardour aborted after a complete export (attempt %d, first second %.1f dBFS); "
                        + "rendering again%n", attempt, rmsDb(audio, 0, 1));
                continue;
            }
            if (!run.crashed()) {
                throw new AssertionError("Ardour " + (run.timedOut() ? "timed out" : "exited with " + run.exitCode())
                        + " without exporting " + wav + ":\n" + run.output());
            }
        }
        if (fromACrashedRun != null) {
            return new Result(fromACrashedRun, attempts);
        }
        throw new AssertionError("Ardour crashed " + MAX_ATTEMPTS + " times in a row without a complete WAV; last output:\n"
                + attempts.get(attempts.size() - 1).output());
    }

    /** The WAV when it exists and holds the whole range, else null (a crash cut it short). */
    private static AudioBuffer completeWav(Path wav, double seconds) throws IOException {
        if (!Files.isRegularFile(wav)) {
            return null;
        }
        try {
            AudioBuffer audio = AudioFiles.read(wav);
            return audio.frameCount() >= Math.round(seconds * audio.sampleRate()) ? audio : null;
        } catch (AudioReadException e) {
            return null;
        }
    }

    /** RMS level in dBFS of all channels between two times. */
    static double rmsDb(AudioBuffer audio, double fromSeconds, double toSeconds) {
        int from = (int) Math.round(fromSeconds * audio.sampleRate());
        int to = Math.min(audio.frameCount(), (int) Math.round(toSeconds * audio.sampleRate()));
        double sum = 0;
        long count = 0;
        for (float[] channel : audio.channels()) {
            for (int i = from; i < to; i++) {
                sum += (double) channel[i] * channel[i];
                count++;
            }
        }
        return count == 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(sum / count + 1e-30);
    }

    /** Samples at or beyond full scale, over all channels: how much of the export clipped. */
    static long fullScaleSamples(AudioBuffer audio) {
        long n = 0;
        for (float[] channel : audio.channels()) {
            for (float x : channel) {
                if (!Float.isFinite(x) || Math.abs(x) >= 0.9999f) {
                    n++;
                }
            }
        }
        return n;
    }
}
