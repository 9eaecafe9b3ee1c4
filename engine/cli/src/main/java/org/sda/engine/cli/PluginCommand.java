package org.sda.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sda plugin}: put the VST3 instrument where DAWs find it, or take it out. */
@Command(name = "plugin", mixinStandardHelpOptions = true,
        description = "Install or uninstall the VST3 instrument (SmallDataSetAudio.vst3), or choose the model it starts with.",
        subcommands = {PluginInstallCommand.class, PluginUninstallCommand.class, PluginModelCommand.class})
final class PluginCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
