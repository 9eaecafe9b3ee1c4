package org.sda.installers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioEncoding;
import org.sda.engine.audio.AudioFiles;

/** The assembled {@code SmallDataSetAudio.vst3}: the contract's layout, and a runtime that runs the engine. */
class BundleLayoutIT {

    private static final Path BUNDLE = Path.of(System.getProperty("sda.bundle"));
    private static final Path RESOURCES = BUNDLE.resolve("Contents/Resources");
    private static final Path RUNTIME = RESOURCES.resolve("runtime");
    private static final Path TOOLS = Path.of(System.getProperty("sda.tools"));

    private static List<Path> jars() throws IOException {
        return jarsIn("lib");
    }

    private static List<Path> jarsIn(String folder) throws IOException {
        try (Stream<Path> files = Files.list(RESOURCES.resolve(folder))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** The editor's own jars: apart from lib, loaded (below lib's loader) only when a host opens the editor. */
    @Test
    void theEditorsJarsLiveInAFolderOfTheirOwn() throws Exception {
        List<String> editor = jarsIn("editor").stream().map(p -> p.getFileName().toString()).toList();
        List<String> lib = jars().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(editor).anyMatch(n -> n.startsWith("sda-ui-editor")).anyMatch(n -> n.startsWith("sda-ui-common"))
                .anyMatch(n -> n.startsWith("flatlaf"));
        assertThat(editor).as("the model browser's library and its index, loaded with the editor only")
                .anyMatch(n -> n.startsWith("sda-library")).anyMatch(n -> n.startsWith("sqlite-jdbc"));
        assertThat(editor).as("jars already in lib").doesNotContainAnyElementsOf(lib);
    }

    @Test
    void theBundleHasTheLayoutTheShimExpects() throws Exception {
        Path shim = BUNDLE.resolve("Contents/x86_64-linux/SmallDataSetAudio.so");
        assertThat(shim).isRegularFile();
        byte[] head = Arrays.copyOf(Files.readAllBytes(shim), 4);
        assertThat(head).as("an ELF shared library").containsExactly(0x7f, 'E', 'L', 'F');
        assertThat(RUNTIME.resolve("lib/server/libjvm.so")).isRegularFile();
        // Class-data sharing: the archives the JVM maps with compressed oops (its default collector,
        // which the shim keeps) and without (ZGC, should SDA_JVM_OPTIONS choose it).
        assertThat(RUNTIME.resolve("lib/server/classes.jsa")).isRegularFile();
        assertThat(RUNTIME.resolve("lib/server/classes_nocoops.jsa")).isRegularFile();
        assertThat(jars()).extracting(p -> p.getFileName().toString()).anyMatch(n -> n.startsWith("sda-core"))
                .anyMatch(n -> n.startsWith("sda-instrument")).anyMatch(n -> n.startsWith("sda-bridge"))
                .anyMatch(n -> n.startsWith("jna-")).anyMatch(n -> n.startsWith("onnxruntime"));

        Properties marker = new Properties();
        try (InputStream in = Files.newInputStream(RESOURCES.resolve("sda-bundle.properties"))) {
            marker.load(in);
        }
        assertThat(marker.getProperty("bundle.id")).isEqualTo("org.sda.SmallDataSetAudio");
        assertThat(marker.getProperty("bundle.version")).isNotBlank().doesNotContain("${");
    }

    /** The DAW's process loads only what playing needs: no command line, no trainer, no Swing look. */
    @Test
    void theBundleCarriesNoJarTheDawMustNotLoad() throws Exception {
        List<String> forbidden = List.of("picocli", "jline", "progressbar", "pytorch", "flatlaf", "jfreechart",
                "sqlite-jdbc", "jhdf", "sda-cli", "sda-dataset", "sda-export", "sda-library", "sda-trainer", "sda-ui");
        assertThat(jars()).extracting(p -> p.getFileName().toString())
                .noneMatch(name -> forbidden.stream().anyMatch(name::startsWith));
        assertThat(Files.list(TOOLS).map(p -> p.getFileName().toString()).toList())
                .as("the sda command's jars beside the bundle").anyMatch(n -> n.startsWith("sda-cli"))
                .anyMatch(n -> n.startsWith("picocli"));
    }

    @Test
    void theDemoModelShipsWithItsFirstVariationsMadeAhead() throws Exception {
        assertThat(RESOURCES.resolve("demo.sda")).isRegularFile();
        Path made = RESOURCES.resolve("demo.sda.variations");
        try (Stream<Path> files = Files.walk(made)) {
            assertThat(files.filter(Files::isRegularFile).count()).as("files in %s", made).isGreaterThanOrEqualTo(16);
        }
    }

    /** The demo model's factory presets: VST3 preset files of this plugin's class, named for the menu. */
    @Test
    void theBundleCarriesTheDemoModelsFactoryPresets() throws Exception {
        Path presets = RESOURCES.resolve("presets");
        List<Path> files;
        try (Stream<Path> list = Files.list(presets)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".vstpreset")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("Soft pad.vstpreset", "Bright.vstpreset", "Short hits.vstpreset");
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).as("%s", file).isEqualTo("VST3");
            assertThat(new String(bytes, 8, 32, java.nio.charset.StandardCharsets.US_ASCII)).as("%s", file)
                    .isEqualTo("5DA0C1A57B3E4D219A6F0E5253444131");
            assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).as("%s", file)
                    .contains("\"format\" : \"sda-instrument\"").contains("\"demo\" : true");
        }
    }

    @Test
    void onnxRuntimeCarriesOnlyTheLinuxX64Library() throws Exception {
        Path jar = jars().stream().filter(p -> p.getFileName().toString().startsWith("onnxruntime-linux")).findFirst()
                .orElseThrow();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> natives = zip.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("ai/onnxruntime/native/") && !n.endsWith("/")).toList();
            assertThat(natives).isNotEmpty().allMatch(n -> n.startsWith("ai/onnxruntime/native/linux-x64/"));
            assertThat(natives).contains("ai/onnxruntime/native/linux-x64/libonnxruntime.so");
            assertThat(zip.getEntry("ai/onnxruntime/OrtEnvironment.class")).isNotNull();
        }
    }

    @Test
    void theRuntimeHasEveryModuleJdepsFindsInTheJars(@TempDir Path dir) throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        Set<String> needed = new TreeSet<>();
        List<Path> all = new java.util.ArrayList<>(jars());
        all.addAll(jarsIn("editor"));
        for (Path jar : all) {
            // Classes only: a jar's module descriptor would make jdeps resolve its optional
            // requirements (commons-compress names commons-lang3, which nothing ships) and stop.
            Path classes = unpackClasses(jar, dir.resolve(jar.getFileName().toString()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            int status = jdeps.run(print, print, "--ignore-missing-deps", "-summary", classes.toString());
            assertThat(status).as("jdeps on %s: %s", jar, out).isZero();
            out.toString(StandardCharsets.UTF_8).lines()
                    .map(l -> l.replaceAll(".*-> ", "").trim())
                    .filter(m -> m.matches("(java|jdk)\\.[a-z.]+"))
                    .forEach(needed::add);
        }
        Properties release = new Properties();
        try (InputStream in = Files.newInputStream(RUNTIME.resolve("release"))) {
            release.load(in);
        }
        Set<String> present = Set.of(release.getProperty("MODULES").replace("\"", "").split("\\s+"));

        assertThat(needed).as("jdeps found these modules in the jars").contains("java.base");
        assertThat(present).as("modules in the runtime (runtime.modules in installers/pom.xml)").containsAll(needed)
                .contains("jdk.unsupported");
    }

    @Test
    void theEngineRunsOnTheBundledRuntime() throws Exception {
        assertThat(sda("--version")).startsWith("sda ").contains("Java ");
    }

    @Test
    void theBundledRuntimeRunsTheDemoModelThroughOnnxRuntime(@TempDir Path dir) throws Exception {
        Path demo = RESOURCES.resolve("demo.sda");
        assertThat(demo).isRegularFile();
        float[] tone = new float[44100];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 44100.0));
        }
        Path in = dir.resolve("tone.wav");
        Path out = dir.resolve("through-the-model.wav");
        AudioFiles.write(in, AudioBuffer.mono(tone, 44100), AudioEncoding.WAV_PCM16);

        // JSON, ZIP, DJL, ONNX Runtime's native library from the trimmed jar, JNA: all on the jlink'ed runtime.
        String output = sda("reconstruct", "-m", demo.toString(), in.toString(), "-o", out.toString());

        assertThat(AudioFiles.read(out).durationSeconds()).as(output).isGreaterThan(0.5);
    }

    private static Path unpackClasses(Path jar, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
                    continue;
                }
                Path file = into.resolve(name);
                Files.createDirectories(file.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, file);
                }
            }
        }
        return into;
    }

    private static String sda(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(RUNTIME.resolve("bin/java").toString(),
                "-cp", RESOURCES.resolve("lib") + "/*:" + TOOLS + "/*", "org.sda.engine.cli.SdaCommand"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
