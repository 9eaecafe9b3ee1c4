package org.sda.engine.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

import org.sda.engine.inference.ToyModel;
import org.sda.engine.inference.ToyPrior;

/**
 * A test copy of the plugin bundle, laid out as the installers module lays out the real one:
 * {@code Contents/x86_64-linux/SmallDataSetAudio.so}, the engine's jars in
 * {@code Contents/Resources/lib}, the editor's own jars in {@code Contents/Resources/editor} and
 * the repository's demo model (it has a prior) at
 * {@code Contents/Resources/demo.sda}. The JVM comes from JAVA_HOME (the JDK running the tests).
 * The instrument is the shipped one ({@code Instruments.create()}), generating for real: the
 * variation cache is off, so nothing comes from an earlier run.
 */
record TestBundle(Path root, Path library, Path host) {

    static final Path DEMO_MODEL = Path.of("..", "installers", "demo-model", "demo.sda").toAbsolutePath().normalize();

    static TestBundle assemble(Path work) throws IOException {
        Path shimTarget = Path.of(System.getProperty("shim.target", "target")).toAbsolutePath();
        Path bundleLib = Path.of(System.getProperty("bundle.lib", "target/bundle-lib")).toAbsolutePath();
        Path bundleEditor = Path.of(System.getProperty("bundle.editor", "target/bundle-editor")).toAbsolutePath();
        Path root = work.resolve("SmallDataSetAudio.vst3");
        Path binary = root.resolve("Contents/x86_64-linux");
        Path lib = root.resolve("Contents/Resources/lib");
        Path editor = root.resolve("Contents/Resources/editor");
        Files.createDirectories(binary);
        Files.createDirectories(lib);
        Files.createDirectories(editor);
        Path so = binary.resolve("SmallDataSetAudio.so");
        Files.copy(shimTarget.resolve("SmallDataSetAudio.so"), so, StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> jars = Files.list(bundleLib)) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Stream<Path> jars = Files.list(bundleEditor)) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                Files.copy(jar, editor.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(DEMO_MODEL, root.resolve("Contents/Resources/demo.sda"), StandardCopyOption.REPLACE_EXISTING);
        return new TestBundle(root, so, shimTarget.resolve("sda-test-host"));
    }

    /** Environment for the host process: the JVM to use and its options. */
    void environment(Map<String, String> env) {
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SDA_STATS", "1");
        env.put("SDA_VARIATION_CACHE", "off");
        env.put("SDA_JVM_OPTIONS", "-Xmx1g");
    }

    /** A tiny real model with a prior (random weights, real ONNX graphs): it generates. */
    static Path writeModelWithPrior(Path path) throws Exception {
        ToyPrior.model(path);
        return path;
    }

    /** A tiny real model without a prior: the shipped instrument plays silence and says why. */
    static Path writeModelWithoutPrior(Path path) throws IOException {
        return new ToyModel(ToyModel.manifest(3, 16, 8, 2, "linear"), 21).write(path);
    }

    /** The instrument's state JSON (format "sda-instrument" 1) that plays the model at {@code model}. */
    static String stateFor(Path model) {
        return "{\"format\":\"sda-instrument\",\"formatVersion\":1,\"model\":{\"demo\":false,\"path\":\""
                + model.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"},\"parameters\":[]}";
    }
}
