package org.sda.engine.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sda.engine.analysis.LatentControls;
import org.sda.engine.model.SdaManifest;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --axis NAME=VALUE}, shared by every command that moves sounds along a model's control axes. */
final class AxisOptionsMixin {

    @Option(names = "--axis", paramLabel = "NAME=VALUE",
            description = "Move the sound along one of the model's controls (sda model info lists them),"
                    + " e.g. --axis brightness=1.5 (repeatable).")
    List<String> axes = new ArrayList<>();

    /** The offsets, by axis name; a malformed {@code --axis} is a usage error. */
    Map<String, Double> offsets(CommandLine commandLine) {
        try {
            return LatentControls.parse(axes);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--axis " + e.getMessage());
        }
    }

    /** Warns, on {@code err}, of offsets outside the range the training sounds cover. */
    static void warnOutsideSafeRange(PrintWriter err, String command, SdaManifest.Analysis analysis,
                                     Map<String, Double> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        LatentControls.warnings(analysis, offsets).forEach(w -> err.println("sda " + command + ": warning: " + w));
        err.flush();
    }
}
