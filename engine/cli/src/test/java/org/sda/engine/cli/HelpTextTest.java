package org.sda.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code sda --help} and each command's help show. */
class HelpTextTest {

    /**
     * A command list shows the first line of each description: it must be a whole sentence, not
     * the start of one that goes on in the next line ("then generate new sounds with the").
     */
    @Test
    void everyCommandSummarisesItselfInOneWholeSentence() {
        List<String> cut = new ArrayList<>();
        collect(SdaCommand.commandLine(), cut);
        assertThat(cut).as("commands whose one-line description stops mid-sentence").isEmpty();
    }

    @Test
    void theTopLevelHelpListsEachSummaryWhole() {
        String help = CliRun.sda("--help").out();
        assertThat(help.replaceAll("\\s+", " ")).contains("import them and generate new sounds.")
                .doesNotContain("generate new sounds with the ");
    }

    private static void collect(CommandLine command, List<String> cut) {
        for (CommandLine sub : command.getSubcommands().values()) {
            String[] description = sub.getCommandSpec().usageMessage().description();
            String first = description.length == 0 ? "" : description[0].strip();
            if (!first.endsWith(".") && !first.endsWith("?")) {
                cut.add(sub.getCommandSpec().qualifiedName() + ": \"" + first + "\"");
            }
            collect(sub, cut);
        }
    }
}
