package org.sda.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sda.engine.export.AudioExporter;
import org.sda.engine.export.ExportException;
import org.sda.engine.export.ExportSettings;
import org.sda.engine.codes.CodeGrid;
import org.sda.engine.codes.CodesFileException;
import org.sda.engine.codes.CodesJson;
import org.sda.engine.codes.GridCodec;
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
 * {@code sda decode -m MODEL codes.json -o OUT [--axis NAME=VALUE ...]}: a code grid back to sound,
 * optionally moved along the model's control axes.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode a code grid (codes.json) into sound with the model that made it.",
            "The grid comes from sda encode or sda codes. --axis moves the sound along one of the model's",
            "controls (sda model info lists them with their ranges). The output is mono at the model's rate,",
            "peak <= -1 dBFS."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the model, the codes or the output could not be used", "2:bad command line"})
final class DecodeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptionMixin modelOption;

    @Parameters(index = "0", paramLabel = "CODES", description = "The codes (.json).")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Where to write the sound.")
    Path output;

    @Mixin
    ExportOptionsMixin exportOptions;

    @Mixin
    AxisOptionsMixin axisOptions;

    @Mixin
    PhaseOptionsMixin phaseOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExportSettings export = exportOptions.settings(spec.commandLine(), output);
        Path target = ExportOptionsMixin.withExtension(output, export.format());
        Map<String, Double> offsets = axisOptions.offsets(spec.commandLine());
        int iterations = phaseOptions.iterations(spec.commandLine());
        try (VqVaeRuntime runtime = VqVaeRuntime.open(modelOption.read())) {
            GridCodec codec = new GridCodec(new Reconstructor(runtime, iterations));
            CodeGrid grid = CodesJson.read(input, codec.identity());
            AxisOptionsMixin.warnOutsideSafeRange(err, "decode", runtime.manifest().analysis(), offsets);
            Reconstructor.Synthesis result = codec.decode(grid, offsets);
            if (!ExportOptionsMixin.checkEncoder(err, "decode", export, result.audio().sampleRate())) {
                return 1;
            }
            AudioExporter.Result written = AudioExporter.export(result.audio(), target, export);
            out.printf(Locale.ROOT, "%s: %.2f s at %d Hz, %s from %d levels x %d frames%s%s%s%n", target,
                    (double) written.frames() / written.sampleRate(), written.sampleRate(), export.format().label(),
                    grid.levels(), grid.frames(), grid.hasBlend() ? " (with blends)" : "",
                    ExportOptionsMixin.describe(export, written),
                    result.gainDb() < 0 ? String.format(Locale.ROOT, ", turned down %.1f dB", -result.gainDb()) : "");
            out.flush();
            return 0;
        } catch (ModelFileException | CodesFileException | InferenceException | ExportException
                 | IllegalArgumentException e) {
            return CliFailure.report(err, "decode", e.getMessage());
        } catch (IOException e) {
            return CliFailure.report(err, "decode", output + ": could not be written: " + e.getMessage());
        }
    }
}
