package org.sda.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.inference.ToyPrior;
import org.sda.engine.instrument.StartModel;

class PluginModelCommandTest {

    @TempDir
    Path dir;

    private Path settings;

    @BeforeEach
    void useATemporarySettingsFile() {
        settings = dir.resolve("config").resolve("sda").resolve("instrument-model");
        System.setProperty(StartModel.FILE_PROPERTY, settings.toString());
    }

    @AfterEach
    void forgetIt() {
        System.clearProperty(StartModel.FILE_PROPERTY);
    }

    @Test
    void choosesShowsAndResetsTheModelNewInstancesPlay() throws Exception {
        Path model = dir.resolve("mine.sda");
        ToyPrior.model(model);

        CliRun before = CliRun.sda("plugin", "model");
        CliRun choose = CliRun.sda("plugin", "model", model.toString());
        CliRun show = CliRun.sda("plugin", "model");

        assertThat(before.out()).contains("built-in demo model");
        assertThat(choose.exitCode()).as(choose.err()).isZero();
        assertThat(Files.readString(settings).strip()).isEqualTo(model.toAbsolutePath().normalize().toString());
        assertThat(show.out()).contains(model.toAbsolutePath().normalize().toString());
        assertThat(StartModel.chosen()).contains(model.toAbsolutePath().normalize());

        CliRun reset = CliRun.sda("plugin", "model", "--reset");
        assertThat(reset.exitCode()).isZero();
        assertThat(settings).doesNotExist();
        assertThat(StartModel.chosen()).isEmpty();
    }

    @Test
    void aModelThatCannotPlayIsRefusedByNameAndTheChoiceStays() throws Exception {
        Path good = dir.resolve("good.sda");
        ToyPrior.model(good);
        Path plain = dir.resolve("plain.sda");
        ToyPrior.withoutPrior(plain);
        Path text = Files.writeString(dir.resolve("notes.sda"), "not a model");
        CliRun.sda("plugin", "model", good.toString());

        CliRun noPrior = CliRun.sda("plugin", "model", plain.toString());
        CliRun notAModel = CliRun.sda("plugin", "model", text.toString());

        assertThat(noPrior.exitCode()).isEqualTo(1);
        assertThat(noPrior.err()).contains("plain.sda").contains("no prior").contains("sda train-prior");
        assertThat(notAModel.exitCode()).isEqualTo(1);
        assertThat(notAModel.err()).contains("notes.sda");
        assertThat(StartModel.chosen()).contains(good.toAbsolutePath().normalize());
    }
}
