package org.sda.ui.common;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.util.List;
import javax.swing.JPanel;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * How often each code of each level is used, as a heatmap (JFreeChart): codes across, levels
 * down, darker for rarer. A code never used is drawn in the background colour, so gaps show.
 * EDT only.
 */
public final class UsageHeatmap extends JPanel {

    private final XYPlot plot;
    private final DefaultXYZDataset data = new DefaultXYZDataset();
    private int[][] counts = new int[0][0];

    public UsageHeatmap() {
        super(new BorderLayout());
        setName("usageHeatmap");
        getAccessibleContext().setAccessibleName("Codebook usage");
        NumberAxis codes = new NumberAxis("code");
        codes.setAutoRangeIncludesZero(true);
        SymbolAxis levels = new SymbolAxis(null, new String[] {"Structure", "Timbre", "Detail"});
        levels.setInverted(true);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(1);
        renderer.setBlockHeight(1);
        plot = new XYPlot(data, codes, levels, renderer);
        plot.setBackgroundPaint(new Color(245, 245, 245));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart("Codebook usage", JFreeChart.DEFAULT_TITLE_FONT.deriveFont(12f), plot, false);
        chart.setBackgroundPaint(null);
        ChartPanel panel = new ChartPanel(chart, false, false, false, false, false);
        panel.setPreferredSize(new Dimension(260, 150));
        panel.setMouseZoomable(false);
        add(panel, BorderLayout.CENTER);
        setToolTipText("How often each code appears in the grids open here; pale gaps are codes never used");
    }

    /** Counts {@code [level][code]}; the level names label the rows. */
    public void setCounts(int[][] counts, List<String> levelLabels) {
        this.counts = counts;
        if (data.getSeriesCount() > 0) {
            data.removeSeries("usage");
        }
        int levels = counts.length;
        if (levels == 0) {
            return;
        }
        int size = counts[0].length;
        double[] x = new double[levels * size];
        double[] y = new double[levels * size];
        double[] z = new double[levels * size];
        int max = 1;
        for (int[] row : counts) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        for (int l = 0; l < levels; l++) {
            for (int c = 0; c < size; c++) {
                int i = l * size + c;
                x[i] = c;
                y[i] = l;
                z[i] = counts[l][c] == 0 ? -1 : Math.log1p(counts[l][c]) / Math.log1p(max);
            }
        }
        data.addSeries("usage", new double[][] {x, y, z});
        plot.setRangeAxis(new SymbolAxis(null, levelLabels.toArray(String[]::new)));
        ((SymbolAxis) plot.getRangeAxis()).setInverted(true);
        ((NumberAxis) plot.getDomainAxis()).setRange(-0.5, size - 0.5);
        ((XYBlockRenderer) plot.getRenderer()).setPaintScale(new PaintScale() {
            @Override
            public double getLowerBound() {
                return -1;
            }

            @Override
            public double getUpperBound() {
                return 1;
            }

            @Override
            public java.awt.Paint getPaint(double v) {
                if (v < 0) {
                    return new Color(250, 250, 250);
                }
                float t = (float) Math.max(0, Math.min(1, v));
                return Color.getHSBColor(0.62f, 0.25f + 0.6f * t, 0.95f - 0.55f * t);
            }
        });
    }

    /** The counts shown, {@code [level][code]}. */
    public int[][] counts() {
        return counts;
    }

    /** Codes used by no cell, per level. */
    public int unused(int level) {
        int n = 0;
        for (int v : counts[level]) {
            if (v == 0) {
                n++;
            }
        }
        return n;
    }
}
