package org.sda.installers.ardour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.install.BundleInstaller;
import org.sda.engine.install.PluginBundle;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentFactory;
import org.sda.engine.instrument.Instruments;
import org.sda.installers.ardour.MidiRender.Note;

/**
 * The plugin in a real host: installed into a fresh {@code ~/.vst3}, scanned by Ardour's VST3
 * scanner, put on a MIDI track of a headless Ardour 7 session, sent notes from a MIDI region, and
 * exported to a WAV that is judged: its length, its level while each note sounds, clipping.
 *
 * <p>Three renders separate what can fail: Ardour's own LV2 synth (the harness and Ardour), the
 * bundle with a sine test instrument (host, shim, JVM and bridge), and the bundle as shipped (the
 * instrument playing the demo model).
 */
class ArdourRenderIT {

    /** Two notes, at 1–2 s and 3–4 s; the export covers 5 s. */
    private static final List<Note> NOTES = List.of(new Note(60, 2, 2, 100), new Note(67, 6, 2, 112));
    private static final double SECONDS = 5.0;
    /** Well above the 16-bit export's noise floor (-96 dB) and a silent plugin's output. */
    private static final double AUDIBLE_DB = -50;

    @TempDir
    Path dir;

    @Test
    void ardoursOwnSynthRendersTheNotes() throws Exception {
        Ardour ardour = Ardour.require();

        MidiRender.Result result = MidiRender.render(ardour, dir.resolve("home"), dir, "LV2",
                "https://community.ardour.org/node/7596", SECONDS, NOTES, Duration.ofMinutes(2));

        assertRendered(result, "ACE Reasonable Synth");
    }

    @Test
    void notesPlayTheJavaInstrumentsVariationThroughTheShimsRendererInArdour() throws Exception {
        Ardour ardour = Ardour.require();
        Path home = dir.resolve("home");
        Path installed = installAndScan(ardour, home);
        writeSineInstrumentJar(installed.resolve("Contents/Resources/lib/sda-test-sine-instrument.jar"));

        MidiRender.Result result = MidiRender.render(ardour, home, dir, "VST3", "Small DataSet Audio",
                SECONDS, NOTES, Duration.ofMinutes(3));

        assertRendered(result, "Small DataSet Audio");
        // The sine stops dead at note-off: silence before, between and after the notes shows the
        // notes arrived at their times (within a block of the dummy backend), not just somehow.
        var audio = result.audio();
        assertThat(MidiRender.rmsDb(audio, 0, NOTES.get(0).startSeconds() - 0.05)).as("before the first note").isLessThan(-80);
        assertThat(MidiRender.rmsDb(audio, NOTES.get(0).endSeconds() + 0.05, NOTES.get(1).startSeconds() - 0.05))
                .as("between the notes").isLessThan(-80);
        assertThat(MidiRender.rmsDb(audio, NOTES.get(1).endSeconds() + 0.05, SECONDS)).as("after the notes").isLessThan(-80);
    }

    @Test
    void theShippedPluginPlaysItsDemoModel() throws Exception {
        Ardour ardour = Ardour.require();
        Path demo = Path.of(System.getProperty("sda.bundle")).resolve("Contents/Resources/demo.sda");
        assertThat(demo).isRegularFile();
        // First what the instrument says of the demo model in this JVM, so that a model it cannot
        // play is reported as that and not mistaken for a problem in the host.
        try (Instrument instrument = Instruments.create()) {
            Instrument.RestoreResult verdict = instrument.loadModel(demo);
            assertThat(verdict.ok()).as("the instrument plays the bundle's demo model: %s", verdict.message()).isTrue();
        }
        Path home = dir.resolve("home");
        installAndScan(ardour, home);

        MidiRender.Result result = MidiRender.render(ardour, home, dir, "VST3", "Small DataSet Audio",
                SECONDS, NOTES, Duration.ofMinutes(3));

        assertRendered(result, "Small DataSet Audio");
    }

    /** Installs the bundle into {@code home/.vst3} and runs the scanner on the installed copy. */
    private static Path installAndScan(Ardour ardour, Path home) throws Exception {
        Path bundle = Path.of(System.getProperty("sda.bundle"));
        Path installed = new BundleInstaller().install(PluginBundle.open(bundle), home.resolve(".vst3")).location();
        Ardour.Run scan = ardour.scan(home, installed, Duration.ofMinutes(1));
        assertThat(scan.exitCode()).as("scanner output:\n%s", scan.output()).isZero();
        return installed;
    }

    /** A jar of {@link SineTestInstrument}, for the bundle's lib folder (every jar there is on its class path). */
    private static void writeSineInstrumentJar(Path jar) throws IOException {
        Path classes = Path.of(SineTestInstrument.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String folder = SineTestInstrument.class.getPackageName().replace('.', '/');
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.list(classes.resolve(folder))) {
            for (Path c : files.filter(f -> f.getFileName().toString().startsWith("SineTestInstrument")).toList()) {
                out.putNextEntry(new JarEntry(folder + "/" + c.getFileName()));
                out.write(Files.readAllBytes(c));
                out.closeEntry();
            }
            // The bridge finds instruments through the service loader: this jar provides the sine.
            out.putNextEntry(new JarEntry("META-INF/services/" + InstrumentFactory.class.getName()));
            out.write((SineTestInstrument.Factory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static void assertRendered(MidiRender.Result result, String plugin) {
        var audio = result.audio();
        String last = result.attempts().get(result.attempts().size() - 1).output();
        System.out.printf("Ardour render with %s: %d attempt(s), %d crash(es); note levels %.1f dB, %.1f dB%n",
                plugin, result.attempts().size(), result.crashes(),
                MidiRender.rmsDb(audio, NOTES.get(0).startSeconds(), NOTES.get(0).endSeconds()),
                MidiRender.rmsDb(audio, NOTES.get(1).startSeconds(), NOTES.get(1).endSeconds()));
        assertThat(last).as("the session used the plugin").contains("SDA-RENDER plugin " + plugin + " instrument true");
        assertThat(audio.sampleRate()).isEqualTo(MidiRender.SESSION_RATE);
        assertThat(audio.channelCount()).isEqualTo(2);
        assertThat(audio.frameCount()).as("exported length").isEqualTo(Math.round(SECONDS * MidiRender.SESSION_RATE));
        for (Note note : NOTES) {
            // From 50 ms into the note: an attack or a block of latency may start it a little late.
            assertThat(MidiRender.rmsDb(audio, note.startSeconds() + 0.05, note.endSeconds()))
                    .as("level while note %d sounds (%.2f-%.2f s); Ardour said:%n%s",
                            note.pitch(), note.startSeconds(), note.endSeconds(), last)
                    .isGreaterThan(AUDIBLE_DB);
        }
        assertThat(MidiRender.fullScaleSamples(audio)).as("samples at full scale or not finite")
                .isLessThan(audio.frameCount() / 1000);
    }
}
