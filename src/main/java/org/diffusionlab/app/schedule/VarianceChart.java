package org.diffusionlab.app.schedule;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.geom.Ellipse2D;

import org.diffusionlab.app.explain.ChartGuide;
import org.diffusionlab.app.explain.PlotElement;
import org.diffusionlab.app.ui.ChartRedraws;
import org.diffusionlab.app.ui.Palette;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The entropy bounds of each reverse step as variances (FACTS.md: for Gaussian diffusion the reverse variance lies
 * between beta~_t and beta_t) under the edited schedule, as a band, with the model's reverse variance f_Sigma averaged
 * over the holdout drawn inside it.
 */
final class VarianceChart {

    private final YIntervalSeries band = new YIntervalSeries("entropy bounds: posterior variance \u2026 \u03b2_t");
    private final XYSeries model = new XYSeries("model's \u03a3_t (holdout mean)", true, false);
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final ChartRedraws redraws;
    private final LogAxis axis = new LogAxis("reverse variance (log scale)");

    VarianceChart(ChartRedraws redraws) {
        this.redraws = redraws;
        NumberAxis t = new NumberAxis("step t");
        t.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        t.setAutoRangeIncludesZero(false);
        axis.setBase(10);
        axis.setSmallestValue(1e-12);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        DeviationRenderer bandRenderer = new DeviationRenderer(true, false);
        bandRenderer.setAlpha(0.35f);
        XYPlot plot = new XYPlot(new YIntervalSeriesCollection(), t, axis, bandRenderer);
        ((YIntervalSeriesCollection) plot.getDataset(0)).addSeries(band);
        plot.setDataset(1, new XYSeriesCollection(model));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, true);
        line.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        plot.setRenderer(1, line);
        chart = new JFreeChart("Reverse-step variance within its entropy bounds", new Font(Font.SANS_SERIF, Font.BOLD, 14),
                plot, true);
        viewer = new ChartViewer(chart);
        viewer.setId("variance-chart");
        ChartGuide.of(viewer)
                .series(band.getKey(), PlotElement.ENTROPY_BOUNDS, "The entropy bounds of the paper: the true reverse "
                        + "step's variance lies between the posterior variance (bottom edge) and \u03b2_t (top edge).")
                .series(model.getKey(), PlotElement.REVERSE_VARIANCE, "The model's reverse variance f_\u03a3 at each step, "
                        + "averaged over holdout points.");
    }

    ChartViewer viewer() {
        return viewer;
    }

    JFreeChart chart() {
        return chart;
    }

    /** Index t = 2..T of each array (lower = beta~_t, upper = beta_t); null clears the chart. */
    void show(double[] lower, double[] upper, double[] modelVariance) {
        redraws.hold(chart);
        band.clear();
        model.clear();
        if (lower != null) {
            for (int t = 2; t < lower.length; t++) {
                band.add(t, Math.sqrt(lower[t] * upper[t]), lower[t], upper[t]);
                model.add(t, modelVariance[t], false);
            }
        }
        model.fireSeriesChanged();
    }

    int pointCount() {
        return model.getItemCount();
    }

    void style(Palette p) {
        redraws.hold(chart);
        ChartStyle.apply(chart, p);
        XYPlot plot = chart.getXYPlot();
        DeviationRenderer r = (DeviationRenderer) plot.getRenderer(0);
        r.setSeriesPaint(0, p.awt("series-band"));
        r.setSeriesFillPaint(0, p.awt("series-band"));
        r.setSeriesStroke(0, new BasicStroke(0.5f));
        plot.getRenderer(1).setSeriesPaint(0, p.awt("series-beta"));
        plot.getRenderer(1).setSeriesStroke(0, new BasicStroke(2f));
    }
}
