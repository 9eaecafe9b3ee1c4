package org.sda.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sda.engine.audio.AudioReadException;
import org.sda.engine.codes.CodeGrid;
import org.sda.engine.codes.CodesJson;
import org.sda.engine.codes.GridCodec;
import org.sda.engine.inference.InferenceException;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.ModelFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sda encode -m MODEL IN -o codes.json}: a sound as a grid of the model's codes. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Encode a sound into a model's codes, written as codes.json.",
            "The codes are a grid of levels (coarse to fine) by code frames (see docs/CODES-FORMAT.md);",
            "sda decode turns them back into sound."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the model, the input or the output could not be used", "2:bad command line"})
final class EncodeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptionMixin modelOption;

    @Parameters(index = "0", paramLabel = "IN", description = "The sound to encode (any format sda reads).")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "CODES", description = "Where to write the codes (.json).")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (VqVaeRuntime runtime = VqVaeRuntime.open(modelOption.read())) {
            GridCodec codec = new GridCodec(runtime);
            CodeGrid grid = codec.encode(input);
            CodesJson.write(output, grid);
            out.printf(Locale.ROOT, "%s: %d levels (%s) x %d frames, %.1f frames per second, %.2f s; model %s%n",
                    output, grid.levels(), String.join(", ", grid.levelLabels()), grid.frames(),
                    grid.timing().frameRate(), grid.durationSeconds(), grid.model());
            out.flush();
            return 0;
        } catch (ModelFileException | AudioReadException | InferenceException e) {
            return CliFailure.report(err, "encode", e.getMessage());
        } catch (IOException e) {
            return CliFailure.report(err, "encode", output + ": could not be written: " + e.getMessage());
        }
    }
}
