package org.sda.ui.common;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GridLayout;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JPanel;
import javax.swing.UIManager;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sda.engine.model.CodebookVerdict;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.training.Stage;
import org.sda.engine.training.TrainingEvent;

/**
 * The live plots of a training run (JFreeChart): training and validation loss; codebook utilisation
 * per level with the 30 % warning line; perplexity per level; dead codes per level. Warnings are
 * marked at the epoch they came. Fed with {@link #accept}; EDT only (events reach it through
 * {@code SwingUtilities.invokeLater}).
 */
public final class TrainingCharts extends JPanel {

    private final XYSeries trainLoss = new XYSeries("training");
    private final XYSeries validationLoss = new XYSeries("validation");
    private final XYSeriesCollection loss = new XYSeriesCollection();
    private final XYSeriesCollection utilisation = new XYSeriesCollection();
    private final XYSeriesCollection perplexity = new XYSeriesCollection();
    private final XYSeriesCollection dead = new XYSeriesCollection();
    private final JFreeChart lossChart;
    private final JFreeChart utilisationChart;
    private final List<String> warnings = new ArrayList<>();
    private int epoch;

    public TrainingCharts() {
        super(new GridLayout(2, 2, 6, 6));
        setName("trainingCharts");
        loss.addSeries(trainLoss);
        loss.addSeries(validationLoss);
        lossChart = chart("Loss", "loss", loss);
        utilisationChart = chart("Codes in use", "share of codebook", utilisation);
        NumberAxis share = (NumberAxis) utilisationChart.getXYPlot().getRangeAxis();
        share.setRange(0, 1.02);
        share.setNumberFormatOverride(java.text.NumberFormat.getPercentInstance());
        ValueMarker line = new ValueMarker(CodebookVerdict.UNDERUSED_BELOW, Theme.healthColor(CodebookVerdict.UNDERUSED),
                new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {5, 4}, 0));
        line.setLabel("30 % warning");
        line.setLabelFont(smallFont());
        line.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        line.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        utilisationChart.getXYPlot().addRangeMarker(line, Layer.BACKGROUND);
        add(panel(lossChart, "Training and validation loss per epoch"));
        add(panel(utilisationChart, "Share of each level's codes in use per epoch"));
        JFreeChart perplexityChart = chart("Perplexity", "codes (effective)", perplexity);
        JFreeChart deadChart = chart("Dead codes", "codes", dead);
        NumberAxis deadAxis = (NumberAxis) deadChart.getXYPlot().getRangeAxis();
        deadAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        deadAxis.setAutoRangeIncludesZero(true);
        deadAxis.setAutoRangeMinimumSize(4);
        ((NumberAxis) perplexityChart.getXYPlot().getRangeAxis()).setAutoRangeMinimumSize(2);
        ((NumberAxis) lossChart.getXYPlot().getRangeAxis()).setAutoRangeMinimumSize(0.01);
        add(panel(perplexityChart, "Perplexity of code use per level"));
        add(panel(deadChart, "Codes never chosen in the epoch, per level"));
        getAccessibleContext().setAccessibleName("Training plots");
    }

    private static Font smallFont() {
        Font f = UIManager.getFont("Label.font");
        return f.deriveFont(f.getSize2D() * 0.85f);
    }

    private static JFreeChart chart(String title, String yLabel, XYSeriesCollection data) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", yLabel, data, PlotOrientation.VERTICAL,
                true, true, false);
        Font f = UIManager.getFont("Label.font");
        chart.getTitle().setFont(f.deriveFont(Font.BOLD, f.getSize2D() * 1.05f));
        chart.getLegend().setItemFont(smallFont());
        chart.setBackgroundPaint(UIManager.getColor("Panel.background"));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.getDomainAxis().setLabelFont(smallFont());
        plot.getRangeAxis().setLabelFont(smallFont());
        plot.getDomainAxis().setTickLabelFont(smallFont());
        plot.getRangeAxis().setTickLabelFont(smallFont());
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setDefaultShapesFilled(true);
        for (int i = 0; i < 6; i++) {
            r.setSeriesStroke(i, new BasicStroke(1.6f));
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        }
        plot.setRenderer(r);
        return chart;
    }

    private static ChartPanel panel(JFreeChart chart, String description) {
        ChartPanel p = new ChartPanel(chart, false, true, false, true, true);
        p.setMinimumDrawWidth(10);
        p.setMinimumDrawHeight(10);
        p.setMaximumDrawWidth(4000);
        p.setMaximumDrawHeight(3000);
        p.setName("chart:" + chart.getTitle().getText());
        p.getAccessibleContext().setAccessibleName(chart.getTitle().getText());
        p.setToolTipText(description);
        return p;
    }

    /** Clears every plot for a new run. */
    public void reset() {
        trainLoss.clear();
        validationLoss.clear();
        utilisation.removeAllSeries();
        perplexity.removeAllSeries();
        dead.removeAllSeries();
        lossChart.getXYPlot().clearDomainMarkers();
        utilisationChart.getXYPlot().clearDomainMarkers();
        warnings.clear();
        epoch = 0;
    }

    /** Adds what an event tells; events the plots do not show are ignored. EDT. */
    public void accept(TrainingEvent event) {
        if (event instanceof TrainingEvent.Epoch e && e.stage() == Stage.VQVAE) {
            epoch = e.epoch();
            trainLoss.addOrUpdate(e.epoch(), e.trainLoss());
            if (!Double.isNaN(e.validationLoss())) {
                validationLoss.addOrUpdate(e.epoch(), e.validationLoss());
            }
        } else if (event instanceof TrainingEvent.Health h) {
            epoch = Math.max(epoch, h.epoch());
            for (SdaManifest.LevelHealth l : h.levels()) {
                series(utilisation, l.level()).addOrUpdate(h.epoch(), l.utilisation());
                series(perplexity, l.level()).addOrUpdate(h.epoch(), l.perplexity());
                series(dead, l.level()).addOrUpdate(h.epoch(), l.deadCodes());
            }
        } else if (event instanceof TrainingEvent.Warning w) {
            warnings.add(w.message());
            ValueMarker m = new ValueMarker(epoch, Theme.healthColor(CodebookVerdict.UNDERUSED), new BasicStroke(1.5f));
            m.setLabel("⚠ " + (w.message().length() > 28 ? w.message().substring(0, 27) + "…" : w.message()));
            m.setLabelFont(smallFont());
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            String lower = w.message().toLowerCase(java.util.Locale.ROOT);
            boolean codes = lower.contains("code") || lower.contains("utilisation") || lower.contains("level");
            (codes ? utilisationChart : lossChart).getXYPlot().addDomainMarker(m);
        }
    }

    private static XYSeries series(XYSeriesCollection data, int level) {
        String key = "level " + (level + 1);
        int i = data.getSeriesIndex(key);
        if (i >= 0) {
            return data.getSeries(i);
        }
        XYSeries s = new XYSeries(key);
        data.addSeries(s);
        return s;
    }

    /** Points on the loss plot so far (training series); for tests. */
    public int lossPoints() {
        return trainLoss.getItemCount();
    }

    /** Levels plotted on the utilisation plot; for tests. */
    public int levelsShown() {
        return utilisation.getSeriesCount();
    }

    /** Warnings marked so far. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
