package org.sda.ui.app.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.Loudness;
import org.sda.ui.common.AbSource;
import org.sda.ui.common.SoundPlayer;

/** The Generate tab driven through its controls, with the shipped demo model. */
class GeneratePanelTest {

    static final Path DEMO_MODEL = Path.of("..", "..", "installers", "demo-model", "demo.sda");

    @TempDir
    Path dir;

    GenerationHistory history;
    GeneratePanel panel;

    @BeforeEach
    void open() throws Exception {
        history = GenerationHistory.open(dir.resolve("history"));
        Files.createDirectories(dir.resolve("presets"));
        new GeneratePreset(0.9, 0, 0.95, 1234, true, 1.0, 2, Map.of(), new double[0])
                .write(dir.resolve("presets").resolve("Soft.vstpreset"));
        panel = Edt.call(() -> new GeneratePanel(history, new SoundPlayer(), dir.resolve("presets")));
        Edt.run(() -> panel.openModel(DEMO_MODEL));
        Edt.await("the model to open", 60, () -> panel.generate.isEnabled());
    }

    @AfterEach
    void close() throws Exception {
        Edt.run(panel::close);
        history.close();
    }

    @Test
    void generateFromAPresetThenRegenerateFromHistoryByteForByte() throws Exception {
        Edt.run(() -> panel.presets.setSelectedIndex(0));
        assertThat(Edt.call(() -> panel.temperature.getValue())).isEqualTo(0.9);
        assertThat(Edt.call(() -> ((Number) panel.seed.getValue()).longValue())).isEqualTo(1234L);
        assertThat(Edt.call(() -> panel.count.getValue())).isEqualTo(2);
        assertThat(Edt.call(() -> panel.lock.isSelected())).isTrue();

        Edt.run(() -> panel.generate.doClick());
        Edt.await("generation", 180, () -> !panel.isGenerating() && panel.results().size() == 2);
        assertThat(Edt.call(panel::statusText)).contains("2 sounds made with seed 1234");
        assertThat(Edt.call(() -> ((Number) panel.seed.getValue()).longValue())).as("locked seed").isEqualTo(1234L);

        HistoryPanel h = panel.historyPanel;
        List<GenerationHistory.Entry> entries = Edt.call(h::entries);
        assertThat(entries).hasSize(2);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.settings().seed()).isEqualTo(1234);
            assertThat(e.settings().temperature()).isEqualTo(0.9);
            assertThat(e.audioFile()).exists();
        });
        // The newest row is variation 2 of the batch; regenerate it from the history.
        Edt.run(() -> h.table.setRowSelectionInterval(0, 0));
        Edt.run(() -> h.regenerate.doClick());
        Edt.await("regeneration", 180, () -> h.lastRegenerationIdentical() != null);
        assertThat(h.lastRegenerationIdentical()).isTrue();
        assertThat(Edt.call(() -> h.status.getText())).contains("identical to the stored sound, byte for byte");
    }

    @Test
    void abSwitchingKeepsBothSoundsWithinHalfALoudnessUnit() throws Exception {
        Edt.run(() -> {
            panel.duration.setValue(2.0);
            panel.count.setValue(1);
            panel.temperature.setValue(0.7);
            panel.seed.setValue(5L);
            panel.generate.doClick();
        });
        Edt.await("first sound", 180, () -> !panel.isGenerating() && panel.results().size() == 1);
        Edt.run(() -> {
            panel.temperature.setValue(1.3);
            panel.seed.setValue(77L);
            panel.generate.doClick();
        });
        Edt.await("second sound", 180, () -> !panel.isGenerating() && panel.results().size() == 1
                && panel.results().get(0).entry().settings().seed() == 77);
        HistoryPanel h = panel.historyPanel;
        Edt.run(() -> {
            h.table.setRowSelectionInterval(1, 1);
            h.setA.doClick();
            h.table.setRowSelectionInterval(0, 0);
            h.setB.doClick();
            h.playAb.doClick();
        });
        assertThat(Edt.call(h::differences)).contains("temperature 0.70 → 1.30").contains("seed 5/1 → 77/1");
        AbSource ab = Edt.call(h::abSource);
        assertThat(ab).isNotNull();
        double la = Loudness.integratedLufs(ab.a());
        double lb = Loudness.integratedLufs(ab.b());
        AudioBuffer rawA = AudioFiles.read(Edt.call(h::entries).get(1).audioFile());
        AudioBuffer rawB = AudioFiles.read(Edt.call(h::entries).get(0).audioFile());
        System.out.printf("A/B: raw %.2f / %.2f LUFS, matched %.2f / %.2f LUFS%n",
                Loudness.integratedLufs(rawA), Loudness.integratedLufs(rawB), la, lb);
        assertThat(Math.abs(la - lb)).isLessThan(0.5);
        assertThat(ab.selected()).isZero();
        Edt.run(() -> h.abSwitch.doClick());
        assertThat(ab.selected()).isEqualTo(1);
        assertThat(Edt.call(() -> h.abSwitch.getText())).isEqualTo("Hearing B");
    }
}
