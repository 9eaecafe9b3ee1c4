package org.sda.ui.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Library;
import com.sun.jna.Native;

import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackMidi;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.jaudiolibs.jnajack.JackStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.inference.ToyPrior;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentConfig;
import org.sda.engine.instrument.Instruments;

/**
 * The standalone host on a real JACK server (jackd with the dummy driver, started here under a
 * name of its own so parallel runs do not meet): notes sent to the host's JACK MIDI input by a
 * client of the test, at frames it chooses, are in the host's recording at those frames, played
 * through the plugin's C voice renderer; before the first note the recording is silent. The
 * server stopping under the host moves it to Java Sound (or its silent clock) with a status that
 * says so. Skipped only where jackd is not installed; with {@value #REQUIRED_PROPERTY} set (CI
 * installs jackd2) a missing jackd fails instead.
 */
class JackHostTest {

    static final String REQUIRED_PROPERTY = "sda.jack.required";
    private static final int RATE = 48000;
    private static final int PERIOD = 256;

    /** libc's setenv: the JACK library reads JACK_DEFAULT_SERVER from the process's C environment. */
    interface C extends Library {
        int setenv(String name, String value, int overwrite);
    }

    @TempDir
    Path dir;

    private Process jackd;
    private StandaloneHost host;
    private JackClientHandle sender;

    @AfterEach
    void stop() throws Exception {
        if (sender != null) {
            sender.close();
        }
        if (host != null) {
            host.close();
        }
        if (jackd != null) {
            jackd.destroy();
            if (!jackd.waitFor(10, TimeUnit.SECONDS)) {
                jackd.destroyForcibly();
            }
        }
    }

    private static Optional<Path> jackdOnPath() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(d, "jackd");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        for (String d : List.of("/usr/bin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(d, "jackd"))) {
                return Optional.of(Path.of(d, "jackd"));
            }
        }
        return Optional.empty();
    }

    /** Starts jackd -d dummy under a unique name and waits until a client can connect. */
    private void startServer() throws Exception {
        Optional<Path> jackdPath = jackdOnPath();
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            assertThat(jackdPath).as("jackd is installed (%s is set)", REQUIRED_PROPERTY).isPresent();
        }
        assumeTrue(jackdPath.isPresent(), "jackd is not installed (Debian: apt-get install jackd2): JACK test skipped");
        String name = "sda-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        assertThat(Native.load("c", C.class).setenv("JACK_DEFAULT_SERVER", name, 1)).isZero();
        // -r: no real-time scheduling (test machines and containers may not grant it); -S: synchronous, so a
        // late client delays the cycle instead of having its MIDI and output land a cycle off (loaded machines).
        ProcessBuilder pb = new ProcessBuilder(jackdPath.get().toString(), "-r", "-S", "-n", name, "-d", "dummy",
                "-r", Integer.toString(RATE), "-p", Integer.toString(PERIOD));
        pb.environment().put("JACK_NO_AUDIO_RESERVATION", "1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("jackd.log").toFile());
        jackd = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            assertThat(jackd.isAlive()).as("jackd runs; its log: %s", log()).isTrue();
            EnumSet<JackStatus> status = EnumSet.noneOf(JackStatus.class);
            try {
                Jack.getInstance().openClient("sda-probe", EnumSet.of(JackOptions.JackNoStartServer), status).close();
                return;
            } catch (JackException e) {
                assertThat(System.nanoTime()).as("jackd accepts clients; its log: %s", log()).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("jackd.log"));
        } catch (Exception e) {
            return "(none)";
        }
    }

    private Instrument instrumentWithToyModel() throws Exception {
        Instrument instrument = Instruments.create(new InstrumentConfig(Optional.empty(),
                Optional.of(dir.resolve("cache")), Optional.empty()));
        Path toy = ToyPrior.model(dir.resolve("toy.sda")).file();
        assertThat(instrument.loadModel(toy).ok()).as(instrument.status()).isTrue();
        return instrument;
    }

    /** A note the sender writes at absolute JACK frame {@code frame}. */
    private record Sent(long frame, byte[] message) {
    }

    @Test
    void notesSentToTheJackMidiInputAreInTheRecordingWhereTheyWereSent() throws Exception {
        startServer();
        Instrument instrument = instrumentWithToyModel();
        host = new StandaloneHost(instrument);
        host.startAudio(AudioSettings.DEFAULT);
        assertThat(host.backend()).as(host.audioStatus()).isEqualTo(StandaloneHost.Backend.JACK);
        assertThat(host.audioStatus()).startsWith("JACK: ").contains("48000 Hz", PERIOD + " frames")
                .contains("voices: the plugin's renderer");
        assertThat(host.nativeVoices()).isNotNull();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (instrument.poolView().ready() < 2) {
            assertThat(System.nanoTime()).as("variations ready; %s", instrument.status()).isLessThan(deadline);
            Thread.sleep(20);
        }
        Thread.sleep(100);                // the publisher's rounds are 2 ms: the variations are in the renderer

        // The test's own client: a MIDI output connected to the host's input, writing notes at chosen frames.
        ConcurrentLinkedQueue<Sent> pending = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger late = new java.util.concurrent.atomic.AtomicInteger();
        // Closed through JackClientHandle like the host's: never cancelled by JACK while in the JVM.
        JackClient senderClient = Jack.getInstance().openClient("sda-test-sender",
                EnumSet.of(JackOptions.JackNoStartServer), null);
        JackPort out = senderClient.registerPort("midi_out", JackPortType.MIDI, JackPortFlags.JackPortIsOutput);
        sender = new JackClientHandle(senderClient, JackAudio.clientName(out));
        sender.start((client, n) -> {
            try {
                JackMidi.clearBuffer(out);
                long start = client.getLastFrameTime();
                for (Sent s : pending) {
                    if (s.frame < start) {
                        late.incrementAndGet();   // this client missed the cycle (a loaded machine): not sent
                        pending.remove(s);
                    } else if (s.frame < start + n) {
                        JackMidi.eventWrite(out, (int) (s.frame - start), s.message, s.message.length);
                        pending.remove(s);
                    }
                }
            } catch (JackException e) {
                throw new IllegalStateException(e);
            }
            return true;
        }, () -> { });
        Jack.getInstance().connect(sender.client(), out.getName(), host.jack().midiPortName());

        // Warm-up: MIDI the host ignores (CC 2) every cycle for a second, so the first real note does not
        // meet a cold JIT (a late cycle is skipped by JACK, with its MIDI).
        long warm = sender.client().getFrameTime() + PERIOD * 4L;
        for (int k = 0; k < RATE / PERIOD; k++) {
            pending.add(new Sent(warm + (long) k * PERIOD, new byte[] {(byte) 0xb0, 2, (byte) (k & 0x7f)}));
        }
        while (!pending.isEmpty()) {
            assertThat(System.nanoTime()).as("the warm-up is sent").isLessThan(deadline);
            Thread.sleep(20);
        }

        late.set(0);
        Path wav = dir.resolve("jack.wav");
        host.startRecording(wav);
        while (host.recordingStartFrame() < 0) {
            assertThat(System.nanoTime()).as("the recording starts").isLessThan(deadline);
            Thread.sleep(5);
        }
        long start = host.recordingStartFrame();
        // Away from block edges on purpose: 0.25 s + 37 frames, released 0.1 s later; 1 s + 111 frames.
        long first = start + RATE / 4 + 37;
        long second = start + RATE + 111;
        long lead = 2L * PERIOD;          // the notes are queued well before their cycles come
        assertThat(first - lead).isGreaterThan(start);
        pending.add(new Sent(first, new byte[] {(byte) 0x90, 60, 100}));
        pending.add(new Sent(first + RATE / 10, new byte[] {(byte) 0x80, 60, 0}));
        pending.add(new Sent(second, new byte[] {(byte) 0x90, 67, 100}));
        long end = start + RATE * 3L / 2;
        while (sender.client().getFrameTime() < end) {
            assertThat(System.nanoTime()).as("the JACK clock runs").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(pending).as("every note was sent").isEmpty();
        assertThat(late.get()).as("notes the test's own client missed its cycle for (machine overloaded)").isZero();
        long gaps = host.recordingGaps();
        System.out.printf("JACK host: %d blocks, process() longest %.2f ms, last %.3f ms (a block is %.2f ms);"
                + " %d cycles missed (recorded as silence)%n", host.jack().blocks(), host.jack().maxProcessNanos() / 1e6,
                host.jack().lastProcessNanos() / 1e6, 1000.0 * PERIOD / RATE, gaps);
        assertThat(host.stopRecording()).isEqualTo(wav);
        assertThat(host.jack().failure()).isNull();
        assertThat(host.nativeVoices().notesWithoutSound()).as("every note found a variation").isZero();

        float[] left = StandaloneHostTest.readFloatWav(wav);
        int firstAt = (int) (first - start);
        int secondAt = (int) (second - start);
        assertThat(left.length).isGreaterThan(secondAt + RATE / 4);
        int onset = firstSound(left, 0);
        int lastBefore = secondAt - 1;
        while (lastBefore > firstAt && Math.abs(left[lastBefore]) <= 1e-6f) {
            lastBefore--;
        }
        System.out.printf("JACK host: the first note's last sound at %d (its note-off sent at %d)%n", lastBefore,
                firstAt + RATE / 10);
        System.out.printf("JACK host: first note sent at frame %d of the recording, sounds from %d;"
                + " second sent at %d, sounds from %d%n", firstAt, onset, secondAt, firstSound(left, secondAt - PERIOD));
        assertThat(onset).as("silence before the first note, which sounds where it was sent")
                .isBetween(firstAt, firstAt + PERIOD);
        // The first note was released 0.1 s after it began and its 200 ms release is over before the second.
        assertThat(StandaloneHostTest.energy(left, secondAt - RATE / 10, secondAt)).as("silence before the second note")
                .isZero();
        assertThat(firstSound(left, secondAt - RATE / 10)).as("the second note sounds where it was sent")
                .isBetween(secondAt, secondAt + PERIOD);
    }

    @Test
    void theServerStoppingMovesTheHostOffJackAndSaysWhy() throws Exception {
        startServer();
        host = new StandaloneHost(instrumentWithToyModel());
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        host.setStatusListener(told::add);
        host.startAudio(AudioSettings.DEFAULT);
        assertThat(host.backend()).as(host.audioStatus()).isEqualTo(StandaloneHost.Backend.JACK);
        JackAudio client = host.jack();
        long cycles = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (client.blocks() < 10) {    // its process thread runs (attached to the JVM by JNA)
            assertThat(System.nanoTime()).as("the host's JACK client processes").isLessThan(cycles);
            Thread.sleep(5);
        }
        assertThat(jackProcessThreads()).as("JNAJack's process thread is attached").isNotEmpty();
        jackd.destroy();
        assertThat(jackd.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (told.isEmpty()) {
            assertThat(System.nanoTime()).as("the host notices the server is gone").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(host.backend()).isEqualTo(StandaloneHost.Backend.JAVA_SOUND);
        assertThat(told.get(0)).isEqualTo(host.audioStatus()).contains("the JACK server stopped");
        // The host left the dead server: its client is closed and no JACK thread of it is left in the JVM.
        assertThat(client.closed()).isTrue();
        assertThat(host.jack()).isNull();
        assertThat(jackProcessThreads()).as("JACK threads still attached to the JVM").isEmpty();
        jackd = null;
    }

    /** Live threads JNAJack attached for process callbacks (JNA names them "JNAJack"). */
    private static List<Thread> jackProcessThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && "JNAJack".equals(t.getName()))
                .toList();
    }

    private static int firstSound(float[] x, int from) {
        for (int i = Math.max(0, from); i < x.length; i++) {
            if (Math.abs(x[i]) > 1e-6f) {
                return i;
            }
        }
        return -1;
    }
}
