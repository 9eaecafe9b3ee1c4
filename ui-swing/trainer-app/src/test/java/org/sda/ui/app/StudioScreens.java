package org.sda.ui.app;

import com.formdev.flatlaf.FlatLightLaf;
import java.awt.Dimension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.swing.JFrame;
import javax.swing.JMenuBar;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import org.sda.engine.codes.Region;
import org.sda.ui.app.codes.CodesPanel;
import javax.swing.JTable;
import org.sda.ui.app.generate.AxisSlider;
import org.sda.ui.app.generate.Edt;
import org.sda.ui.common.CodeGridView;
import org.sda.ui.app.generate.GeneratePanel;
import org.sda.ui.app.generate.GeneratePreset;
import org.sda.ui.app.generate.GenerationHistory;
import org.sda.ui.common.ExportDialog;
import org.sda.ui.common.SoundPlayer;

/**
 * Puts the Generate and Codes tabs into a window in a given state, for screenshots under Xvfb:
 * {@code generate}, {@code history}, {@code codes} or {@code export}. Prints READY when the
 * window shows that state, and stays open until killed.
 */
public final class StudioScreens {

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "generate";
        Path demo = Path.of("installers", "demo-model", "demo.sda");
        Path sounds = Path.of("installers", "demo-sounds");
        Path work = Files.createTempDirectory("sda-screens");
        FlatLightLaf.setup();
        GenerationHistory history = GenerationHistory.open(work.resolve("history"));
        Files.createDirectories(work.resolve("presets"));
        new GeneratePreset(0.9, 0, 0.95, 1234, false, 3.0, 3, Map.of(), new double[0]).write(work.resolve("presets").resolve("Soft pads.vstpreset"));
        SoundPlayer player = new SoundPlayer();
        GeneratePanel generate = Edt.call(() -> new GeneratePanel(history, player, work.resolve("presets")));
        CodesPanel codes = Edt.call(() -> new CodesPanel(player));
        JFrame frame = Edt.call(() -> {
            JFrame f = new JFrame("Small DataSet Audio");
            JTabbedPane tabs = new JTabbedPane();
            tabs.setName("tabs");
            tabs.addTab("Generate", generate);
            tabs.addTab("Codes", codes);
            JMenuBar bar = new JMenuBar();
            bar.add(codes.editMenu());
            f.setJMenuBar(bar);
            f.setContentPane(tabs);
            f.setPreferredSize(new Dimension(1400, 880));
            f.pack();
            f.setLocation(0, 0);
            f.setVisible(true);
            return f;
        });
        JTabbedPane tabs = (JTabbedPane) frame.getContentPane();
        switch (what) {
            case "generate", "history" -> {
                Edt.run(() -> generate.openModel(demo));
                Edt.await("model", 60, () -> generate.isEnabled() && findButton(generate, "generate").isEnabled());
                Edt.run(() -> {
                    ((javax.swing.JComboBox<?>) find(generate, "presets")).setSelectedIndex(0);
                    List<AxisSlider> sliders = all(generate, AxisSlider.class);
                    if (sliders.size() > 1) {
                        sliders.get(0).setValue(1.25 * sliders.get(0).axis().safeMax());
                        sliders.get(1).setValue(0.5 * sliders.get(1).axis().safeMin());
                    }
                    findButton(generate, "generate").doClick();
                });
                Edt.await("generation", 300, () -> !generate.isGenerating() && generate.results().size() == 3);
                if (what.equals("history")) {
                    Edt.run(() -> {
                        ((JTabbedPane) find(generate, "generateRight")).setSelectedIndex(1);
                        JTable table = (JTable) find(generate, "historyTable");
                        table.setRowSelectionInterval(2, 2);
                        findButton(generate, "historySetA").doClick();
                        findButton(generate, "historyStar").doClick();
                        table.setRowSelectionInterval(0, 0);
                        findButton(generate, "historySetB").doClick();
                        findButton(generate, "abPlay").doClick();
                        ((javax.swing.JToggleButton) find(generate, "abSwitch")).doClick();
                    });
                }
            }
            case "codes", "export" -> {
                Edt.run(() -> {
                    tabs.setSelectedIndex(1);
                    codes.openModel(demo);
                });
                Edt.await("model", 60, () -> !codes.isBusy() && codes.statusText().contains("levels"));
                Edt.run(() -> {
                    codes.openSound(sounds.resolve("ambi_glass_hum.flac"), false);
                    codes.openSound(sounds.resolve("ambi_dark_woosh.flac"), true);
                });
                Edt.await("encoding", 120, () -> !codes.isBusy() && codes.current() != null && codes.second() != null);
                Edt.run(() -> {
                    CodeGridView grid = (CodeGridView) find(codes, "codeGrid");
                    grid.setSelection(new Region(40, 90, List.of(1, 2)));
                    findButton(codes, "swap").doClick();
                    grid.setSelection(new Region(120, 160, List.of(0, 1)));
                });
                if (what.equals("export")) {
                    SwingUtilities.invokeLater(() -> new ExportDialog(frame, Path.of("/home/user/glass-hum-edited.wav")).setVisible(true));
                }
            }
            default -> throw new IllegalArgumentException(what);
        }
        Thread.sleep(1500);
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static <T> List<T> all(java.awt.Container root, Class<T> type) {
        List<T> out = new java.util.ArrayList<>();
        for (java.awt.Component c : root.getComponents()) {
            if (type.isInstance(c)) {
                out.add(type.cast(c));
            }
            if (c instanceof java.awt.Container inner) {
                out.addAll(all(inner, type));
            }
        }
        return out;
    }

    static javax.swing.JButton findButton(java.awt.Container root, String name) {
        return (javax.swing.JButton) find(root, name);
    }

    static java.awt.Component find(java.awt.Container root, String name) {
        for (java.awt.Component c : root.getComponents()) {
            if (name.equals(c.getName())) {
                return c;
            }
            if (c instanceof java.awt.Container inner) {
                java.awt.Component found = find(inner, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
