package org.sda.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.generate.GenerationSettings;
import org.sda.engine.generate.Generator;
import org.sda.engine.inference.InferenceException;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sda demo}: the whole product on the bundled CC0 demo sounds. It imports them and shows
 * what the import decided, then generates new sounds with the built-in demo model (trained on
 * those sounds; {@code installers/demo-model/demo.sda}), or with a model it trains from scratch
 * first ({@code --train}), and says where it wrote them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the product on the bundled CC0 demo sounds: import them and generate new sounds.",
            "New sounds come from the built-in demo model, or from one trained first with --train (a few minutes)."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ImportOptionsMixin importOptions;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "sda-demo",
            description = "Folder for the generated sounds (and the trained model with --train). Default: ${DEFAULT-VALUE}.")
    Path folder;

    @Option(names = "--train", description = "Train a model on the demo sounds first instead of using the built-in one.")
    boolean train;

    @Option(names = "--count", defaultValue = "4", description = "Sounds to generate (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--duration", defaultValue = "6", description = "Seconds each (default: ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path sounds = SdaHome.demoSounds().orElse(null);
        if (sounds == null) {
            err.println("sda demo: the bundled demo sounds were not found; run it through the ./sda launcher of a "
                    + "checkout, or set SDA_HOME to the installation folder");
            return 1;
        }
        out.println("1. Import: the demo sounds in " + sounds);
        out.println();
        Dataset dataset = DatasetInspectCommand.importWithProgress(importOptions, List.of(sounds));
        new InspectReport(dataset, List.of(sounds)).printTable(out);
        out.println();
        if (dataset.clips().isEmpty()) {
            return 1;
        }
        Files.createDirectories(folder);
        Path modelFile;
        if (train) {
            modelFile = folder.resolve("demo.sda");
            out.println("2. Train: a model on the demo sounds (RVQ-VAE, then its prior), to " + modelFile);
            out.flush();
            int code = TrainCommand.runTrainer(spec, TrainCommand.TRAINER_MAIN,
                    List.of(sounds.toString(), "-o", modelFile.toString()));
            if (code != 0) {
                err.println("sda demo: training failed (exit code " + code + ")");
                return 1;
            }
        } else {
            modelFile = SdaHome.demoModel().orElse(null);
            if (modelFile == null) {
                err.println("sda demo: the built-in demo model (installers/demo-model/demo.sda) was not found; "
                        + "train one with  sda demo --train");
                return 1;
            }
            out.println("2. Model: the built-in demo model, trained on these sounds: " + modelFile);
        }
        out.println();
        out.printf(Locale.ROOT, "3. Generate: %d new sounds of %.0f s each%n", count, duration);
        out.flush();
        try {
            SdaModel model = SdaModelFile.read(modelFile);
            List<Path> written = new ArrayList<>();
            try (Generator generator = Generator.open(model)) {
                GenerationSettings settings = GenerationSettings.defaults().withSeconds(duration).withSeed(seed);
                List<AudioBuffer> generated = GenerateCommand.generateWithProgress(generator, settings, count);
                for (int i = 0; i < generated.size(); i++) {
                    Path file = folder.resolve(String.format(Locale.ROOT, "demo-%d-%02d.wav", seed, i + 1));
                    AudioFiles.write(file, generated.get(i));
                    written.add(file);
                }
            }
            out.println();
            out.println("New sounds, in the style of the demo sounds but not copies of them, are in "
                    + folder.toAbsolutePath().normalize() + ":");
            for (Path file : written) {
                out.println("  " + file.getFileName());
            }
        } catch (ModelFileException | InferenceException e) {
            err.println("sda demo: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("sda demo: " + folder + ": could not be written: " + e.getMessage());
            return 1;
        }
        out.println();
        out.println("Next: train a model on your own sounds   ./sda train FOLDER -o my.sda   (about 10 minutes)");
        out.println("      and generate from it              ./sda generate -m my.sda -o OUT --count 8");
        out.flush();
        return 0;
    }
}
