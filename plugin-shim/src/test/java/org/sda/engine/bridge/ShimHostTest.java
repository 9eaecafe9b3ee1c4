package org.sda.engine.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the C test host (target/sda-test-host) against a test copy of the bundle: the host loads
 * the .so with dlopen and walks what a DAW does (see host_checks.c). These tests judge behaviour
 * (exit codes, the host's own checks), never speed.
 */
class ShimHostTest {

    @TempDir
    static Path work;
    static TestBundle bundle;

    @BeforeAll
    static void assembleBundle() throws IOException {
        bundle = TestBundle.assemble(work);
    }

    @Test
    void conformanceWalkPassesTwiceWithTwoInstancesSharingOneJvm() throws Exception {
        // Two real models that generate: the repository's demo model and a tiny one with a toy prior.
        Path modelA = TestBundle.DEMO_MODEL;
        Path modelB = TestBundle.writeModelWithPrior(work.resolve("toy-prior.sda"));
        Path gone = TestBundle.writeModelWithPrior(work.resolve("deleted.sda"));
        Files.delete(gone);
        Path stateA = write("state-a.json", TestBundle.stateFor(modelA));
        Path stateB = write("state-b.json", TestBundle.stateFor(modelB));
        Path stateGone = write("state-gone.json", TestBundle.stateFor(gone));

        HostRun run = runHost(List.of("test", bundle.root().toString(), stateA.toString(), stateB.toString(),
                stateGone.toString()));

        assertThat(run.output.lines().filter(l -> l.startsWith("FAIL"))).as(run.output).isEmpty();
        assertThat(run.output).as(run.output).contains("PASS: 0 failure(s)");
        assertThat(run.output).contains("JVM loaded: no");
        assertThat(run.exitCode).as(run.output).isZero();
    }

    @Test
    void scanningNeverLoadsAJvm() throws Exception {
        HostRun run = runHost(List.of("scan", bundle.root().toString()));

        assertThat(run.output).as(run.output).contains("JVM loaded: no");
        assertThat(run.exitCode).as(run.output).isZero();
    }

    @Test
    void aModelWithoutPriorPlaysSilenceAndTheInstrumentSaysWhy() throws Exception {
        Path model = TestBundle.writeModelWithoutPrior(work.resolve("no-prior.sda"));
        Path state = write("state-no-prior.json", TestBundle.stateFor(model));

        HostRun run = runHost(List.of("smoke", bundle.root().toString(), state.toString()));

        assertThat(run.output).as(run.output).contains("PASS: 0 failure(s)").contains("has no prior");
        assertThat(run.exitCode).as(run.output).isZero();
    }

    /** A JVM started by the host before the plugin: the shim joins it, configured as when it starts its own. */
    @Test
    void inAJvmTheHostStartedTheBundlesDemoModelPlays() throws Exception {
        // No model chosen for new instruments in this (empty) configuration: the demo model it is.
        HostRun run = runHost(List.of("joined", bundle.root().toString()),
                env -> env.put("XDG_CONFIG_HOME", work.resolve("joined-config").toString()));

        assertThat(run.output).as(run.output).contains("started its own JVM")
                .contains("demo model in the host's JVM: first sound").contains("PASS: 0 failure(s)");
        assertThat(run.exitCode).as(run.output).isZero();
    }

    @Test
    void withoutAnyJavaRuntimeThePluginPlaysSilenceAndSaysWhy() throws Exception {
        HostRun run = runHost(List.of("nojava", bundle.root().toString()), env -> env.remove("JAVA_HOME"));

        assertThat(run.output).as(run.output).contains("no Java runtime").contains("PASS: 0 failure(s)");
        assertThat(run.exitCode).as(run.output).isZero();
    }

    /**
     * The audio thread's contract, checked by a preloaded guard that counts allocations, locks,
     * sleeps and system calls made inside process() (audio_guard.c, host_contract.c), while notes
     * steal voices, parameters move, the seed changes (Java publishes and frees variations as the
     * audio thread plays) and states are restored between blocks.
     */
    @Test
    void processAllocatesNothingLocksNothingAndNeverEntersTheKernel() throws Exception {
        Path state = write("state-contract.json", TestBundle.stateFor(TestBundle.DEMO_MODEL));
        Path guard = bundle.host().resolveSibling("libsda-audio-guard.so");

        HostRun run = runHost(List.of("contract", bundle.root().toString(), state.toString()),
                env -> env.put("LD_PRELOAD", guard.toString()));

        assertThat(run.output).as(run.output).contains("forbidden calls inside: 0;")
                .contains("voluntary context switches inside: 0").contains("PASS: 0 failure(s)");
        assertThat(run.exitCode).as(run.output).isZero();
    }

    @Test
    void theLibraryExportsOnlyTheThreeEntryPoints() throws Exception {
        Process nm = new ProcessBuilder("nm", "-D", "--defined-only", bundle.library().toString())
                .redirectErrorStream(true).start();
        String out = new String(nm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(nm.waitFor()).isZero();
        List<String> symbols = out.lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).sorted().toList();
        assertThat(symbols).containsExactly("GetPluginFactory", "ModuleEntry", "ModuleExit");
    }

    private static Path write(String name, String text) throws IOException {
        Path p = work.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    record HostRun(int exitCode, String output) {
    }

    private static HostRun runHost(List<String> args) throws Exception {
        return runHost(args, env -> { });
    }

    private static HostRun runHost(List<String> args, java.util.function.Consumer<java.util.Map<String, String>> adjust)
            throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(bundle.host().toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        bundle.environment(pb.environment());
        adjust.accept(pb.environment());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String text = new String(out, StandardCharsets.UTF_8);
        System.out.println(text);
        return new HostRun(p.exitValue(), text);
    }
}
