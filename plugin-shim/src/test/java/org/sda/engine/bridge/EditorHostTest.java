package org.sda.engine.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor as a Linux DAW opens it, driven by the C test host (host_editor.c): createView,
 * setFrame with an IRunLoop, attached into an X11 window of the host's, removed, release. Needs an
 * X server: without one these tests skip, unless {@code sda.ui.required} is set (CI runs them
 * under xvfb-run), where they fail instead.
 *
 * <p>Screenshots of the editor at two sizes go to {@code target/editor-screenshots}, to be looked
 * at; the tests judge behaviour only.
 */
class EditorHostTest {

    @TempDir
    static Path work;
    static TestBundle bundle;
    static Path state;

    @BeforeAll
    static void assembleBundle() throws IOException {
        requireDisplay();
        bundle = TestBundle.assemble(work);
        state = work.resolve("state-demo.json");
        Files.writeString(state, TestBundle.stateFor(TestBundle.DEMO_MODEL));
    }

    @Test
    void aKnobTurnedWithTheMouseReachesTheHostAndTheHostsChangeMovesTheKnob() throws Exception {
        Path shots = Path.of(System.getProperty("shim.target", "target"), "editor-screenshots").toAbsolutePath();
        Files.createDirectories(shots);

        // The model library the browser shows: the demo model, and a copy damaged after it was listed
        // (same size, so the library keeps listing it) for the refused model's scene.
        Path library = work.resolve("library");
        try (org.sda.engine.library.ModelLibrary lib = org.sda.engine.library.ModelLibrary.open(library)) {
            lib.add(TestBundle.DEMO_MODEL, "Demo pad", List.of("pad", "demo"));
            Path toy = org.sda.engine.inference.ToyPrior.model(work.resolve("broken.sda")).file();
            org.sda.engine.library.ModelEntry broken = lib.add(toy, "Broken", List.of("damaged"));
            byte[] junk = new byte[(int) Files.size(broken.file())];
            new java.util.Random(7).nextBytes(junk);
            Files.write(broken.file(), junk);
        }

        String out = runHost(env -> env.put("SDA_LIBRARY_DIR", library.toString()), "editor", state.toString(),
                shots.toString());

        assertThat(out).as(out).contains("PASS editor: 0 failure(s)")
                .contains("host saw 1 begin").contains("last to 0.2500: the knob shows 0.2500")
                .contains("pool after a note: Last played: variation").contains("broken preview: No preview: ")
                .containsPattern("broken model chosen: .*broken\\.sda.*refused");
        if (!out.contains("no ImageMagick")) {
            try (var files = Files.list(shots)) {
                assertThat(files.filter(f -> f.getFileName().toString().startsWith("editor-")).count()).as(out)
                        .isGreaterThanOrEqualTo(2);
            }
        }
    }

    /** A HiDPI host says its scale before the first editor: fonts, knobs and the window grow with it. */
    @Test
    void atContentScaleOneAndAHalfTheEditorGrowsAndStillWorks() throws Exception {
        Path shots = Path.of(System.getProperty("shim.target", "target"), "editor-screenshots", "scale-1.5")
                .toAbsolutePath();
        Files.createDirectories(shots);

        String out = runHost("editor", state.toString(), shots.toString(), "1.5");

        assertThat(out).as(out).contains("PASS editor: 0 failure(s)").contains("host saw 1 begin");
        String sizes = out.lines().filter(l -> l.startsWith("editor sizes: preferred ")).findFirst().orElseThrow();
        int width = Integer.parseInt(sizes.replaceAll("editor sizes: preferred (\\d+) x.*", "$1"));
        assertThat(width).as("the editor's width at 1.5 (at 1 it is about 1070)").isGreaterThan(1400);
    }

    /** A JVM the host started (without the shim's JVM options): the editor shows and works the same. */
    @Test
    void inAJvmTheHostStartedTheEditorShowsAndReachesTheHost() throws Exception {
        String out = runHost("editorjoined", state.toString());

        assertThat(out).as(out).contains("started its own JVM").contains("PASS editor: 0 failure(s)")
                .contains("host saw 1 begin").doesNotContain("cannot be shown");
    }

    @Test
    void fiftyOpenAndClosesAndTwoEditorsAtOnceLeakNoThreadsOrWindows() throws Exception {
        String out = runHost("lifecycle", state.toString(), "50");

        assertThat(out).as(out).contains("PASS lifecycle: 0 failure(s)").contains("after 50 cycles");
    }

    /** A host without an X server (or a headless session) gets no view: it shows its generic editor. */
    @Test
    void withoutADisplayCreateViewSaysNoAndTheInstrumentStillPlays() throws Exception {
        String out = runHost(env -> env.remove("DISPLAY"), "nodisplay", state.toString());

        assertThat(out).as(out).contains("PASS nodisplay: 0 failure(s)").contains("no display to show the editor on");
    }

    private static void requireDisplay() {
        String display = System.getenv("DISPLAY");
        if (display != null && !display.isEmpty()) {
            return;
        }
        skipOrFail("no X server (DISPLAY is not set): the editor tests need one; run them under xvfb-run (as CI does)");
    }

    private static void skipOrFail(String why) {
        if (Boolean.getBoolean("sda.ui.required")) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    private static String runHost(String... args) throws Exception {
        return runHost(env -> { }, args);
    }

    private static String runHost(java.util.function.Consumer<java.util.Map<String, String>> adjust, String... args)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(bundle.host().toString());
        command.add(args[0]);
        command.add(bundle.root().toString());
        command.addAll(List.of(args).subList(1, args.length));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        bundle.environment(pb.environment());
        // User presets and the model library go to the test's folder, not the home of whoever runs it.
        pb.environment().put("HOME", work.resolve("home").toString());
        pb.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
        adjust.accept(pb.environment());
        Process p = pb.start();
        byte[] bytes = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String out = new String(bytes, StandardCharsets.UTF_8);
        System.out.println(out);
        if (out.contains("SKIP ")) {
            skipOrFail(out.lines().filter(l -> l.startsWith("SKIP ")).findFirst().orElse(out));
        }
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
