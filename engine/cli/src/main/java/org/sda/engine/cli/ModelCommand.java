package org.sda.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sda model}: commands about a trained model file. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Look at a trained model (.sda file) and add its musical controls.",
        subcommands = {ModelInfoCommand.class, ModelAnalyzeCommand.class})
final class ModelCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
