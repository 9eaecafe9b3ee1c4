package org.sda.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sda dataset}: commands about a folder of sounds. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Look at a folder of sounds before training on it.",
        subcommands = {DatasetInspectCommand.class})
final class DatasetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
