package org.sda.engine.bridge;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.sda.engine.inference.ToyModel;

/**
 * A test copy of the plugin bundle, laid out as the installers module lays out the real one:
 * {@code Contents/x86_64-linux/SmallDataSetAudio.so}, the engine's jars in
 * {@code Contents/Resources/lib} and a demo model at {@code Contents/Resources/demo.sda} (a tiny
 * real model made by {@link ToyModel}). The JVM comes from JAVA_HOME (the JDK running the tests).
 *
 * <p>The bundle also carries this module's test classes, and the bridge makes its instrument with
 * {@link ReconstructionInstruments}: the real voice engine over a source that reconstructs the
 * repository's demo sounds through the model (models have no prior yet, so the shipped source
 * would play silence).
 */
record TestBundle(Path root, Path library, Path host) {

    static final Path DEMO_SOUNDS = Path.of("..", "installers", "demo-sounds").toAbsolutePath().normalize();

    static TestBundle assemble(Path work) throws IOException {
        Path shimTarget = Path.of(System.getProperty("shim.target", "target")).toAbsolutePath();
        Path engineTarget = Path.of(System.getProperty("engine.target", "../engine/target")).toAbsolutePath();
        Path root = work.resolve("SmallDataSetAudio.vst3");
        Path binary = root.resolve("Contents/x86_64-linux");
        Path lib = root.resolve("Contents/Resources/lib");
        Files.createDirectories(binary);
        Files.createDirectories(lib);
        Path so = binary.resolve("SmallDataSetAudio.so");
        Files.copy(shimTarget.resolve("SmallDataSetAudio.so"), so, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(engineTarget.resolve("sda-engine.jar"), lib.resolve("sda-engine.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> jars = Files.list(engineTarget.resolve("lib"))) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        jarTestClasses(shimTarget.resolve("test-classes"), lib.resolve("sda-shim-test.jar"));
        writeModel(root.resolve("Contents/Resources/demo.sda"), 3);
        return new TestBundle(root, so, shimTarget.resolve("sda-test-host"));
    }

    /** Environment for the host process: the JVM to use and the instrument factory. */
    void environment(Map<String, String> env) {
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SDA_STATS", "1");
        env.put("SDA_JVM_OPTIONS", "-D" + PluginBridge.FACTORY_PROPERTY + "=" + ReconstructionInstruments.class.getName()
                + " -D" + ReconstructionInstruments.SOUNDS_PROPERTY + "=" + DEMO_SOUNDS + " -Xmx1g");
    }

    /** A tiny real model (random weights, real ONNX graphs); the seed makes it sound its own way. */
    static Path writeModel(Path path, long seed) throws IOException {
        return new ToyModel(ToyModel.manifest(3, 16, 8, 2, "linear"), seed).write(path);
    }

    /** The instrument's state JSON (format "sda-instrument" 1) that plays the model at {@code model}. */
    static String stateFor(Path model) {
        return "{\"format\":\"sda-instrument\",\"formatVersion\":1,\"model\":{\"demo\":false,\"path\":\""
                + model.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"},\"parameters\":[]}";
    }

    private static void jarTestClasses(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && f.toString().endsWith(".class")) {
                    j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, j);
                    j.closeEntry();
                }
            }
        }
    }
}
