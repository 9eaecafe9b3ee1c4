package org.sda.ui.app.codes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.swing.Action;
import javax.swing.JButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.codes.CodeGrid;
import org.sda.engine.codes.CodesJson;
import org.sda.engine.codes.Region;
import org.sda.ui.app.generate.Edt;
import org.sda.ui.common.SoundPlayer;

/** The Codes tab driven through its controls, with the shipped demo model and demo sounds. */
class CodesPanelTest {

    static final Path DEMO_MODEL = Path.of("..", "..", "installers", "demo-model", "demo.sda");
    static final Path SOUNDS = Path.of("..", "..", "installers", "demo-sounds");

    @TempDir
    Path dir;

    CodesPanel panel;

    @BeforeEach
    void open() throws Exception {
        panel = Edt.call(() -> new CodesPanel(new SoundPlayer()));
        Edt.run(() -> panel.openModel(DEMO_MODEL));
        Edt.await("the model", 60, () -> !panel.isBusy() && panel.openSoundAction.isEnabled());
        Edt.run(() -> {
            panel.openSound(SOUNDS.resolve("ambi_piano.flac"), false);
            panel.openSound(SOUNDS.resolve("ambi_swoosh.flac"), true);
        });
        Edt.await("both sounds encoded", 120, () -> !panel.isBusy() && panel.current() != null && panel.second() != null);
    }

    @AfterEach
    void close() throws Exception {
        Edt.run(panel::close);
    }

    @Test
    void anEditSequenceIsUndoneBackToTheOriginalGrid() throws Exception {
        CodeGrid original = Edt.call(panel::current);
        assertThat(Edt.call(() -> panel.undoAction.isEnabled())).isFalse();

        // Set two cells of the Timbre level to one code.
        Edt.run(() -> {
            panel.gridView.setSelection(new Region(10, 12, List.of(1)));
            panel.code.setValue(7);
            click("setCode");
        });
        assertThat(Edt.call(() -> panel.current().code(1, 10))).isEqualTo(7);
        assertThat(Edt.call(() -> panel.current().code(1, 11))).isEqualTo(7);
        assertThat(Edt.call(() -> (String) panel.undoAction.getValue(Action.NAME))).isEqualTo("Undo set cells to 7");

        // Swap Timbre and Detail over frames 20-40 with the second sound.
        Edt.run(() -> {
            panel.gridView.setSelection(new Region(20, 40, List.of(1, 2)));
            click("swap");
        });
        CodeGrid second = Edt.call(panel::second);
        assertThat(Edt.call(() -> panel.current().code(2, 30))).isEqualTo(second.code(2, 30));
        assertThat(Edt.call(() -> (String) panel.undoAction.getValue(Action.NAME))).startsWith("Undo swap");

        // Blend, repeat, delete.
        Edt.run(() -> {
            panel.gridView.setSelection(new Region(45, 50, List.of(0)));
            panel.weight.setValue(0.25);
            click("blend");
            panel.gridView.setSelection(new Region(0, 8, List.of(0, 1, 2)));
            click("repeat");
        });
        assertThat(Edt.call(() -> panel.current().frames())).isEqualTo(original.frames() + 8);
        assertThat(Edt.call(() -> panel.current().hasBlend())).isTrue();
        Edt.run(() -> {
            panel.gridView.setSelection(new Region(0, 4, List.of(0, 1, 2)));
            click("deleteFrames");
        });
        assertThat(Edt.call(() -> panel.current().frames())).isEqualTo(original.frames() + 4);
        assertThat(Edt.call(() -> panel.current())).isNotEqualTo(original);

        // Five edits, five undos: the original, cell for cell.
        for (int i = 0; i < 5; i++) {
            Edt.run(() -> click("undo"));
        }
        assertThat(Edt.call(panel::current)).isEqualTo(original);
        assertThat(Edt.call(() -> panel.undoAction.isEnabled())).isFalse();
        assertThat(Edt.call(() -> (String) panel.redoAction.getValue(Action.NAME))).isEqualTo("Redo set cells to 7");
        assertThat(Edt.call(() -> panel.gridView.grid())).isEqualTo(original);
        Edt.run(() -> click("redo"));
        assertThat(Edt.call(() -> panel.current().code(1, 10))).isEqualTo(7);
    }

    @Test
    void theGridIsSavedAsCodesJsonThatReadsBackEqual() throws Exception {
        Edt.run(() -> {
            panel.gridView.setSelection(new Region(5, 6, List.of(0)));
            panel.code.setValue(3);
            click("setCode");
        });
        Path file = dir.resolve("edited.json");
        Edt.run(() -> panel.saveCodes(file));
        Edt.await("saving", 30, () -> !panel.isBusy());
        assertThat(CodesJson.read(file)).isEqualTo(Edt.call(panel::current));
    }

    @Test
    void clickingACellPlaysItsCodePreview() throws Exception {
        CodeGrid grid = Edt.call(panel::current);
        java.awt.Rectangle cell = new java.awt.Rectangle(Edt.call(() -> panel.gridView.xOf(3)) + 1,
                Edt.call(() -> panel.gridView.rowHeight()) / 2, 1, 1);
        // A real click on frame 3 of Structure: press and release on the grid view.
        Edt.run(() -> {
            long now = System.currentTimeMillis();
            for (int id : new int[] {java.awt.event.MouseEvent.MOUSE_PRESSED, java.awt.event.MouseEvent.MOUSE_RELEASED}) {
                panel.gridView.dispatchEvent(new java.awt.event.MouseEvent(panel.gridView, id, now, 0, cell.x, cell.y, 1, false,
                        java.awt.event.MouseEvent.BUTTON1));
            }
        });
        Edt.await("the preview", 60, () -> panel.lastPreviewMs() >= 0 && !panel.isBusy());
        assertThat(panel.lastPreview()).isEqualTo("0:" + grid.code(0, 3));
        assertThat(Edt.call(() -> panel.gridView.selection())).isEqualTo(Region.cell(0, 3));
        // Click-to-sound latency of first plays (nothing cached) and a repeat, for docs/BENCHMARKS.md.
        double[] first = new double[8];
        for (int i = 0; i < first.length; i++) {
            int code = 10 + i;
            Edt.run(() -> panel.previewCode(1, code));
            Edt.await("preview", 60, () -> !panel.isBusy());
            first[i] = panel.lastPreviewMs();
        }
        Edt.run(() -> panel.previewCode(1, 10));
        Edt.await("preview", 60, () -> !panel.isBusy());
        java.util.Arrays.sort(first);
        System.out.printf("code preview, click to sound handed to the player: first play median %.1f ms, max %.1f ms;"
                + " cached %.2f ms%n", first[first.length / 2], first[first.length - 1], panel.lastPreviewMs());
    }

    private void click(String name) {
        JButton button = find(panel, name);
        assertThat(button).as(name).isNotNull();
        assertThat(button.isEnabled()).as(name + " enabled").isTrue();
        button.doClick();
    }

    static JButton find(java.awt.Container root, String name) {
        for (java.awt.Component c : root.getComponents()) {
            if (c instanceof JButton b && name.equals(b.getName())) {
                return b;
            }
            if (c instanceof java.awt.Container inner) {
                JButton found = find(inner, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
