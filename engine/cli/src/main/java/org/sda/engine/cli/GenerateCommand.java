package org.sda.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.export.AudioExporter;
import org.sda.engine.export.ExportException;
import org.sda.engine.export.ExportSettings;
import org.sda.engine.generate.ChunkPlan;
import org.sda.engine.generate.DecayGuide;
import org.sda.engine.generate.GenerationSettings;
import org.sda.engine.generate.Generator;
import org.sda.engine.inference.InferenceDevice;
import org.sda.engine.inference.InferenceException;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sda generate -m MODEL -o DIR}: new sounds from a model's prior, written as
 * {@code NAME-SEED-N.wav} (or the {@code --format} asked for). Variations are generated in parallel, one per core; the same
 * seed and settings give the same files, byte for byte.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate new sounds from a model (it needs a prior: sda train-prior).",
            "The same --seed and settings give the same sounds, byte for byte."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the model could not be used or a file could not be written",
            "2:bad command line"})
final class GenerateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptionMixin modelOption;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder to write into (made if missing).")
    Path folder;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "Variations (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--duration", paramLabel = "S",
            description = "Seconds each (default: the mean length of the model's sounds for a set of one-shots, else 4).")
    Double durationOption;

    @Option(names = "--whole-length",
            description = "Always fill the whole duration. Without it, a model of one-shots (hits, strokes) ends each "
                    + "sound where its prior ends it, and fades one it did not end over its last quarter.")
    boolean wholeLength;

    @Option(names = "--decay", paramLabel = "S",
            description = "For one-shots: how firmly each sound is held to one attack and a decay, with no ghost hits "
                    + "in its tail (default: " + DecayGuide.DEFAULT_STRENGTH + "; 0: as the prior samples it).")
    Double decay;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
            description = "Below 1: closer to the training sounds; above 1: wilder (default: ${DEFAULT-VALUE}: the"
                    + " temperature chosen for the model after training, where its sounds flow and stay new; the"
                    + " value given multiplies it).")
    double temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "Sample among the K likeliest codes (default: 0, all).")
    int topK;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "1.0",
            description = "Sample among the likeliest codes that make up P of the probability (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: a new one, printed).")
    Long seed;

    @Mixin
    ExportOptionsMixin exportOptions;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "cpu or cuda for the decoder (the prior runs on the CPU). Default: ${DEFAULT-VALUE}.")
    InferenceDevice device;

    @Mixin
    AxisOptionsMixin axisOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 1 || count > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be between 1 and 10000");
        }
        long s = seed != null ? seed : new SecureRandom().nextInt(1_000_000);
        if (durationOption != null) {
            settingsOrUsageError(durationOption, s);
        }
        if (decay != null) {
            try {
                DecayGuide.checkStrength(decay);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--decay " + e.getMessage());
            }
        }
        Map<String, Double> offsets = axisOptions.offsets(spec.commandLine());
        ExportSettings export = exportOptions.settings(spec.commandLine(), null);
        try {
            SdaModel model = modelOption.read();
            if (!ExportOptionsMixin.checkEncoder(err, "generate", export, model.manifest().audio().sampleRate())) {
                return 1;
            }
            double duration = durationOption != null ? durationOption : Generator.defaultSeconds(model.manifest());
            GenerationSettings settings = settingsOrUsageError(duration, s);
            try (Generator generator = Generator.open(model, device)) {
                if (wholeLength) {
                    generator.setOneShots(false);
                }
                if (decay != null) {
                    generator.setDecay(decay);
                }
                if (!offsets.isEmpty()) {
                    try {
                        generator.setAxisOffsets(offsets);
                    } catch (IllegalArgumentException e) {
                        return fail(err, modelOption.file + ": " + e.getMessage());
                    }
                    AxisOptionsMixin.warnOutsideSafeRange(err, "generate", model.manifest().analysis(), offsets);
                }
                Files.createDirectories(folder);
                List<AudioBuffer> sounds = generateWithProgress(generator, settings, count);
                String name = model.manifest().name() == null || model.manifest().name().isBlank() ? "generated"
                        : model.manifest().name().replaceAll("[^A-Za-z0-9._-]", "_");
                List<Path> written = new ArrayList<>();
                String details = "";
                for (int i = 0; i < sounds.size(); i++) {
                    Path file = folder.resolve(String.format(Locale.ROOT, "%s-%d-%02d.%s", name, s, i + 1,
                            export.format().extension()));
                    AudioExporter.Result result = AudioExporter.export(sounds.get(i), file, export);
                    details = ExportOptionsMixin.describe(export, result);
                    written.add(file);
                }
                out.printf(Locale.ROOT, "%d sound%s of %s%.1f s (seed %d, temperature %s%s%s; %s%s) in %s%n", written.size(),
                        written.size() == 1 ? "" : "s", generator.oneShots() ? "up to " : "", duration, s,
                        trim(temperature) + (Generator.temperatureScale(model.manifest()) != 1.0
                                ? " (the model's calibrated " + trim(Generator.temperatureScale(model.manifest()))
                                + " times " + trim(temperature) + ")" : ""),
                        topK > 0 ? ", top-k " + topK : "", topP < 1 ? ", top-p " + trim(topP) : "",
                        export.format().label(), details, folder.toAbsolutePath().normalize());
                for (Path file : written) {
                    out.println("  " + file.getFileName());
                }
                out.flush();
                return 0;
            }
        } catch (ModelFileException | InferenceException | ExportException e) {
            return fail(err, e.getMessage());
        } catch (IOException e) {
            return fail(err, folder + ": could not be written: " + e.getMessage());
        }
    }

    private GenerationSettings settingsOrUsageError(double duration, long s) {
        try {
            return new GenerationSettings(duration, temperature, topK, topP, s);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Generates with a progress bar over code frames and decoded chunks of every variation. */
    static List<AudioBuffer> generateWithProgress(Generator generator, GenerationSettings settings, int count) {
        int frames = generator.framesFor(settings.seconds());
        int chunks = ChunkPlan.of(frames, generator.decoder().samplesPerFrame()).chunks();
        try (Progress progress = Progress.start("Generating", (long) count * (frames + chunks))) {
            return generator.generate(settings, count, new Generator.Listener() {
                @Override
                public void codes(int variation, int done, int total) {
                    progress.step();
                }

                @Override
                public void chunkDecoded(int variation, int done, int total) {
                    progress.step();
                }
            });
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : String.valueOf(v);
    }

    private static int fail(PrintWriter err, String message) {
        err.println("sda generate: " + message);
        err.flush();
        return 1;
    }
}
