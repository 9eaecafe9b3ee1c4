package org.sda.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sda model}: commands about a trained model file. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Look at a trained model (.sda file), add its musical controls, and keep models in the library.",
        subcommands = {ModelInfoCommand.class, ModelAnalyzeCommand.class, ModelCalibrateCommand.class,
            ModelMemoriseCommand.class, ModelListCommand.class,
            ModelSearchCommand.class, ModelTagCommand.class, ModelRmCommand.class})
final class ModelCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
