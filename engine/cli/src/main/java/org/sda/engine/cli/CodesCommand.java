package org.sda.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sda.engine.codes.CodeGrid;
import org.sda.engine.codes.CodesFileException;
import org.sda.engine.codes.CodesJson;
import org.sda.engine.codes.GridEdit;
import org.sda.engine.codes.ModelIdentity;
import org.sda.engine.codes.Region;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sda codes}: scripted edits of code grids (codes.json), for hybrids of two sounds. */
@Command(name = "codes", mixinStandardHelpOptions = true,
        description = "Edit code grids (codes.json from sda encode): hybrids of two sounds.",
        subcommands = {CodesCommand.Swap.class, CodesCommand.Blend.class})
final class CodesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What both edits read: two grids of one model (checked against a model file when one is given). */
    abstract static class TwoGrids implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "A", description = "The grid to edit (codes.json).")
        Path first;

        @Parameters(index = "1", paramLabel = "B", description = "The grid the region comes from (codes.json).")
        Path second;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Where to write the result (.json).")
        Path output;

        @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
                description = "Check that both grids belong to this model (.sda).")
        Path modelFile;

        @Mixin
        RegionOptions regionOptions;

        abstract String name();

        abstract GridEdit edit(Region region, CodeGrid source, int sourceFrom);

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                CodeGrid a;
                CodeGrid b;
                if (modelFile != null) {
                    ModelIdentity model = ModelIdentity.of(SdaModelFile.read(modelFile));
                    a = CodesJson.read(first, model);
                    b = CodesJson.read(second, model);
                } else {
                    a = CodesJson.read(first);
                    b = CodesJson.read(second);
                }
                if (!a.model().sameNetworks(b.model())) {
                    return CliFailure.report(err, "codes " + name(), second + " was encoded with model " + b.model()
                            + ", " + first + " with " + a.model() + "; both must come from the same model");
                }
                Region region = regionOptions.region(a, b);
                CodeGrid result = edit(region, b, regionOptions.sourceStart(region)).applyTo(a);
                CodesJson.write(output, result);
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%s: %s (%s); %d levels x %d frames%n", output, edit(region, b,
                        regionOptions.sourceStart(region)).describe(), region.levels().stream()
                        .map(l -> a.levelLabels().get(l)).toList(), result.levels(), result.frames());
                out.flush();
                return 0;
            } catch (ModelFileException | CodesFileException | IllegalArgumentException e) {
                return CliFailure.report(err, "codes " + name(), e.getMessage());
            } catch (IOException e) {
                return CliFailure.report(err, "codes " + name(), output + ": could not be written: " + e.getMessage());
            }
        }
    }

    /** {@code sda codes swap A B -o OUT}: A with a region of B's codes. */
    @Command(name = "swap", mixinStandardHelpOptions = true,
            description = {"A hybrid: grid A with the codes of a region (frames x levels) taken from grid B.",
                "E.g. --levels timbre,detail keeps A's structure with B's timbre and detail."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:written", "1:a grid, the model or the output could not be used", "2:bad command line"})
    static final class Swap extends TwoGrids {

        @Option(names = "--fade", paramLabel = "FRAMES", defaultValue = "0",
                description = "Cross-fade the region's edges in embedding space over this many code frames"
                        + " (2 is about 23 ms). Default: ${DEFAULT-VALUE}, a hard swap.")
        int fade;

        @Override
        String name() {
            return "swap";
        }

        @Override
        GridEdit edit(Region region, CodeGrid source, int sourceFrom) {
            return fade == 0 ? new GridEdit.SwapRegion(region, source, sourceFrom)
                    : new GridEdit.FadedSwap(region, source, sourceFrom, fade);
        }
    }

    /** {@code sda codes blend A B -o OUT --weight W}: A blended with B in embedding space. */
    @Command(name = "blend", mixinStandardHelpOptions = true,
            description = {"Blend two grids in embedding space: smoother than swapping codes.",
                "Over the region, each cell of A decodes as (1 - W) of its code vector plus W of B's."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:written", "1:a grid, the model or the output could not be used", "2:bad command line"})
    static final class Blend extends TwoGrids {

        @Option(names = {"-w", "--weight"}, paramLabel = "W", defaultValue = "0.5",
                description = "Share of B, 0..1. Default: ${DEFAULT-VALUE}.")
        float weight;

        @Override
        String name() {
            return "blend";
        }

        @Override
        GridEdit edit(Region region, CodeGrid source, int sourceFrom) {
            return new GridEdit.BlendRegion(region, source, sourceFrom, weight);
        }
    }
}
