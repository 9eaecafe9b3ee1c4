package org.sda.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.sda.engine.codes.CodeGrid;
import org.sda.engine.codes.GridTiming;
import org.sda.engine.codes.ModelIdentity;

/**
 * The grid view paints every visible cell in its code's colour, and does so for a 10-minute
 * grid; the time it takes is printed for docs/BENCHMARKS.md, not asserted.
 */
class CodeGridViewTest {

    static CodeGrid longGrid(double seconds) {
        GridTiming timing = new GridTiming(44_100, 256, 2);
        int samples = (int) (seconds * 44_100);
        int frames = timing.codeFrames(samples);
        SplittableRandom random = new SplittableRandom(3);
        int[][] codes = new int[3][frames];
        for (int[] row : codes) {
            for (int f = 0; f < frames; f++) {
                row[f] = random.nextInt(64);
            }
        }
        ModelIdentity model = new ModelIdentity("test", "sha256:" + "0".repeat(64), 3, 64);
        return CodeGrid.of(model, List.of("Structure", "Timbre", "Detail"), timing, samples, 0, codes, null, null);
    }

    @Test
    void aTenMinuteGridPaintsEveryVisibleCellInItsCodesColour() throws Exception {
        CodeGrid grid = longGrid(600);
        CodeGridView[] view = new CodeGridView[1];
        SwingUtilities.invokeAndWait(() -> {
            view[0] = new CodeGridView();
            view[0].setGrid(grid);
            view[0].setZoom(8);
            view[0].setSize(view[0].getPreferredSize());
        });
        int height = view[0].rowHeight() * 3;
        Rectangle visible = new Rectangle(40_000 * 8, 0, 1400, height); // a window far into the sound
        BufferedImage image = new BufferedImage(1400, height, BufferedImage.TYPE_INT_RGB);
        double[] ms = new double[60];
        for (int run = 0; run < ms.length; run++) {
            Graphics2D g = image.createGraphics();
            g.translate(-visible.x, 0);
            g.setClip(visible);
            long start = System.nanoTime();
            view[0].paintCells(g, visible);
            ms[run] = (System.nanoTime() - start) / 1e6;
            g.dispose();
        }
        Arrays.sort(ms);
        // A cell in the middle of frame 40,100 on the Timbre level has that cell's colour.
        int x = 40_100 * 8 + 4 - visible.x;
        int y = view[0].rowHeight() + view[0].rowHeight() / 4; // away from the separators
        assertThat(image.getRGB(x, y)).isEqualTo(view[0].colorOf(grid.code(1, 40_100)).getRGB());

        // Zoomed out to 0.05 px per frame the whole 10 minutes fit 2,600 pixels.
        SwingUtilities.invokeAndWait(() -> view[0].setZoom(CodeGridView.MIN_ZOOM));
        Rectangle all = new Rectangle(0, 0, view[0].getPreferredSize().width, height);
        BufferedImage whole = new BufferedImage(all.width, height, BufferedImage.TYPE_INT_RGB);
        double[] wholeMs = new double[30];
        for (int run = 0; run < wholeMs.length; run++) {
            Graphics2D g = whole.createGraphics();
            g.setClip(all);
            long start = System.nanoTime();
            view[0].paintCells(g, all);
            wholeMs[run] = (System.nanoTime() - start) / 1e6;
            g.dispose();
        }
        Arrays.sort(wholeMs);
        assertThat(all.width).isBetween(2500, 2700);
        assertThat(whole.getRGB(100, 5)).isEqualTo(view[0].colorOf(grid.code(0, view[0].frameAt(100))).getRGB());
        System.out.printf("grid repaint, 10 min (%d frames x 3 levels): 1400 px window at 8 px/frame median %.2f ms"
                + " (max %.2f); whole grid at 0.05 px/frame (%d px) median %.2f ms%n",
                grid.frames(), ms[ms.length / 2], ms[ms.length - 1], all.width, wholeMs[wholeMs.length / 2]);
    }
}
