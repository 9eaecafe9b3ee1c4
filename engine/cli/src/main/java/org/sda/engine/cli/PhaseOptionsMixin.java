package org.sda.engine.cli;

import org.sda.engine.dsp.GriffinLim;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --iterations N}: Griffin-Lim's phase iterations, for the commands that turn codes into sound. */
final class PhaseOptionsMixin {

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "" + GriffinLim.DEFAULT_ITERATIONS,
            description = "Griffin-Lim iterations for the phase (more: slower, a little closer to the ceiling)."
                    + " Default: ${DEFAULT-VALUE}.")
    int iterations;

    /** The iterations; a negative count is a usage error. */
    int iterations(CommandLine commandLine) {
        if (iterations < 0) {
            throw new CommandLine.ParameterException(commandLine, "--iterations must be 0 or more");
        }
        return iterations;
    }
}
