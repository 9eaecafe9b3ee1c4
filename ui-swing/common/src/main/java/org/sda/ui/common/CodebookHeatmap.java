package org.sda.ui.common;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import javax.swing.JPanel;
import javax.swing.UIManager;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The codebook usage heatmap (JFreeChart): levels down, codes across, each cell as bright as the
 * share of frames that chose that code on that level (0 = never used). EDT only.
 */
public final class CodebookHeatmap extends JPanel {

    private final DefaultXYZDataset data = new DefaultXYZDataset();
    private final XYPlot plot;
    private final JFreeChart chart;
    private long[][] counts = new long[0][];

    public CodebookHeatmap() {
        super(new BorderLayout());
        setName("codebookHeatmap");
        NumberAxis codes = new NumberAxis("code");
        codes.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        SymbolAxis levels = new SymbolAxis("level", new String[] {"1"});
        XYBlockRenderer renderer = new XYBlockRenderer();
        UsageScale scale = new UsageScale();
        renderer.setPaintScale(scale);
        plot = new XYPlot(data, codes, levels, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        levels.setInverted(true);
        chart = new JFreeChart("Codebook usage", UIManager.getFont("Label.font").deriveFont(Font.BOLD), plot, false);
        chart.setBackgroundPaint(UIManager.getColor("Panel.background"));
        NumberAxis legendAxis = new NumberAxis("share of frames");
        legendAxis.setNumberFormatOverride(java.text.NumberFormat.getPercentInstance());
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        legend.setStripWidth(10);
        chart.addSubtitle(legend);
        Font small = UIManager.getFont("Label.font").deriveFont(UIManager.getFont("Label.font").getSize2D() * 0.85f);
        for (var axis : new org.jfree.chart.axis.ValueAxis[] {codes, levels, legendAxis}) {
            axis.setLabelFont(small);
            axis.setTickLabelFont(small);
        }
        ChartPanel panel = new ChartPanel(chart, false, true, false, false, true);
        panel.setMinimumDrawWidth(10);
        panel.setMinimumDrawHeight(10);
        panel.setMaximumDrawWidth(4000);
        panel.setMaximumDrawHeight(3000);
        add(panel);
        getAccessibleContext().setAccessibleName("Codebook usage heatmap");
        setToolTipText("How often each code of each level was chosen on the training sounds");
    }

    /** Shows usage counts {@code [levels][codebookSize]}. */
    public void setCounts(long[][] newCounts) {
        counts = newCounts;
        if (data.getSeriesCount() > 0) {
            data.removeSeries("usage");
        }
        int levels = newCounts.length;
        int size = levels == 0 ? 0 : newCounts[0].length;
        double[][] xyz = new double[3][levels * size];
        String[] names = new String[Math.max(1, levels)];
        names[0] = "1";
        double max = 0;
        for (int l = 0; l < levels; l++) {
            long total = 0;
            for (long c : newCounts[l]) {
                total += c;
            }
            names[l] = String.valueOf(l + 1);
            for (int k = 0; k < size; k++) {
                int i = l * size + k;
                xyz[0][i] = k;
                xyz[1][i] = l;
                xyz[2][i] = total == 0 ? 0 : (double) newCounts[l][k] / total;
                max = Math.max(max, xyz[2][i]);
            }
        }
        SymbolAxis levelAxis = new SymbolAxis("level", names);
        levelAxis.setInverted(true);
        levelAxis.setLabelFont(plot.getRangeAxis().getLabelFont());
        levelAxis.setTickLabelFont(plot.getRangeAxis().getTickLabelFont());
        plot.setRangeAxis(levelAxis);
        ((NumberAxis) plot.getDomainAxis()).setRange(-0.5, Math.max(1, size) - 0.5);
        double top = max > 0 ? max : 1;
        UsageScale scale = new UsageScale(top);
        ((XYBlockRenderer) plot.getRenderer()).setPaintScale(scale);
        ((PaintScaleLegend) chart.getSubtitle(0)).setScale(scale);
        ((PaintScaleLegend) chart.getSubtitle(0)).getAxis().setRange(0, top);
        if (levels > 0) {
            data.addSeries("usage", xyz);
        }
    }

    /** The counts shown; for tests. */
    public long[][] counts() {
        return counts;
    }

    /** White for unused codes, through blue to a dark blue for the most used. */
    static final class UsageScale implements PaintScale {
        private final double upper;

        UsageScale() {
            this(1);
        }

        UsageScale(double upper) {
            this.upper = upper;
        }

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            if (value <= 0) {
                return new Color(0xf4f4f4);
            }
            double t = Math.sqrt(Math.min(1, value / upper));
            int r = (int) Math.round(200 * (1 - t) + 20 * t);
            int g = (int) Math.round(225 * (1 - t) + 60 * t);
            int b = (int) Math.round(255 * (1 - t) + 140 * t);
            return new Color(r, g, b);
        }
    }
}
