package org.sda.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sda.engine.export.AudioExporter;
import org.sda.engine.export.ExportException;
import org.sda.engine.export.ExportSettings;
import org.sda.engine.audio.AudioReadException;
import org.sda.engine.inference.InferenceDevice;
import org.sda.engine.inference.InferenceException;
import org.sda.engine.inference.Reconstructor;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.ModelFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sda reconstruct -m MODEL IN -o OUT}: a sound through a model's codes and back, to hear
 * what the model keeps of it. The output is mono at the model's rate, as long as the input.
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = {"Encode a sound into a model's codes and decode it back: hear what it keeps.",
            "The result is mono at the model's rate, as long as the input, peak <= -1 dBFS.",
            "Its format follows OUT's extension (.wav, .flac, .ogg, .opus, .mp3) or --format."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the model, the input or the output could not be used",
            "2:bad command line"})
final class ReconstructCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptionMixin modelOption;

    @Parameters(index = "0", paramLabel = "IN", description = "The sound to reconstruct.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Where to write the result.")
    Path output;

    @Mixin
    ExportOptionsMixin exportOptions;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "cpu or cuda (falls back to cpu, saying why, when CUDA cannot be used). Default: ${DEFAULT-VALUE}.")
    InferenceDevice device;

    @Mixin
    PhaseOptionsMixin phaseOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExportSettings export = exportOptions.settings(spec.commandLine(), output);
        Path target = ExportOptionsMixin.withExtension(output, export.format());
        int iterations = phaseOptions.iterations(spec.commandLine());
        try (VqVaeRuntime runtime = VqVaeRuntime.open(modelOption.read(), device)) {
            runtime.deviceNotice().ifPresent(notice -> err.println("sda reconstruct: " + notice));
            err.flush();
            Reconstructor reconstructor = new Reconstructor(runtime, iterations);
            Reconstructor.Result result;
            try (Progress progress = Progress.start("Reconstructing", reconstructor.stageCount())) {
                boolean[] first = {true};
                result = reconstructor.reconstruct(input, stage -> {
                    if (!first[0]) {
                        progress.step();
                    }
                    first[0] = false;
                    progress.message(stage.toString());
                });
                progress.step();
            }
            if (!ExportOptionsMixin.checkEncoder(err, "reconstruct", export, result.audio().sampleRate())) {
                return 1;
            }
            AudioExporter.Result written = AudioExporter.export(result.audio(), target, export);
            out.printf(Locale.ROOT, "%s: %.2f s at %d Hz, %s, %d code frames x %d levels, on %s%s%s%n", target,
                    (double) written.frames() / written.sampleRate(), written.sampleRate(), export.format().label(),
                    result.codes()[0].length, result.codes().length, runtime.device(),
                    ExportOptionsMixin.describe(export, written),
                    result.gainDb() < 0 ? String.format(Locale.ROOT, ", turned down %.1f dB", -result.gainDb()) : "");
            out.flush();
            return 0;
        } catch (ModelFileException | AudioReadException | ExportException e) {
            return fail(err, e.getMessage());
        } catch (InferenceException e) {
            return fail(err, e.getMessage());
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            return fail(err, message.startsWith(output.toString()) ? message
                    : output + ": could not be written: " + message);
        }
    }

    private static int fail(PrintWriter err, String message) {
        err.println("sda reconstruct: " + message);
        err.flush();
        return 1;
    }
}
