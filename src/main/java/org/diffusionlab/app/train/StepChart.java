package org.diffusionlab.app.train;

import java.awt.Font;
import java.util.Arrays;
import java.util.List;

import org.diffusionlab.app.explain.ChartGuide;
import org.diffusionlab.app.explain.PlotElement;
import org.diffusionlab.app.ui.ChartRedraws;
import org.diffusionlab.app.ui.Palette;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The holdout KL term of each reverse step t = 2..T (bits per point): where the bound still loses. */
final class StepChart {

    private final XYSeries kl = new XYSeries("KL(q || p) at step t", true, false);
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final ChartRedraws redraws;
    private double[] shown;

    /** Every change goes through {@code redraws}: one redraw per pulse at most. */
    StepChart(ChartRedraws redraws) {
        this(redraws, "bits per point");
    }

    /** @param unit the value axis' label */
    StepChart(ChartRedraws redraws, String unit) {
        this.redraws = redraws;
        chart = ChartFactory.createXYBarChart("Per-step KL terms (holdout)", "step t", false, unit,
                new XYSeriesCollection(kl), PlotOrientation.VERTICAL, false, true, false);
        XYBarRenderer r = (XYBarRenderer) chart.getXYPlot().getRenderer();
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setMargin(0.15);
        viewer = new ChartViewer(chart);
        viewer.setId("kl-chart");
        ChartGuide.of(viewer).series(kl.getKey(), PlotElement.KL_TERMS, "How much the bound still loses at reverse "
                + "step t, on the holdout: KL(q(x_{t-1}|x_t,x_0) || p(x_{t-1}|x_t)). K is minus their sum plus "
                + "the entropy terms.");
    }

    ChartViewer viewer() {
        return viewer;
    }

    JFreeChart chart() {
        return chart;
    }

    int barCount() {
        return kl.getItemCount();
    }

    /** perStep[t] for t = 0..T; t < 2 are not terms of the bound and are left out. */
    void show(double[] perStep) {
        if (Arrays.equals(perStep, shown)) {
            return;
        }
        shown = perStep.clone();
        redraws.hold(chart);
        kl.clear();
        for (int t = 2; t < perStep.length; t++) {
            kl.add(t, Double.isFinite(perStep[t]) ? perStep[t] : 0, false);
        }
        kl.fireSeriesChanged();
    }

    void style(Palette p) {
        redraws.hold(chart);
        chart.setBackgroundPaint(p.awt("chart-background"));
        chart.getTitle().setPaint(p.awt("chart-text"));
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(p.awt("chart-plot"));
        plot.setOutlineVisible(false);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(p.awt("chart-grid"));
        for (var axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            axis.setLabelPaint(p.awt("chart-text"));
            axis.setTickLabelPaint(p.awt("chart-text"));
            axis.setAxisLinePaint(p.awt("chart-grid"));
            axis.setTickMarkPaint(p.awt("chart-grid"));
        }
        plot.getRenderer().setSeriesPaint(0, p.awt("series-kl"));
    }
}
