package org.diffusionlab.app.schedule;

import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.List;

import org.diffusionlab.app.explain.ChartGuide;
import org.diffusionlab.app.explain.PlotElement;
import org.diffusionlab.app.ui.ChartRedraws;
import org.diffusionlab.app.ui.Palette;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.ClusteredXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The holdout KL term of each reverse step t = 2..T under the schedule the model was trained with and under the
 * edited one, side by side (bits per point): where the model loses when the schedule changes under it. Over them, as
 * markers, the smallest KL any Gaussian kernel reaches at each step under the edited schedule (swiss roll only).
 */
final class BoundChart {

    private final XYSeries trained = new XYSeries("under the trained schedule", true, false);
    private final XYSeries edited = new XYSeries("under the edited schedule", true, false);
    private final XYSeries best = new XYSeries("best Gaussian kernel, edited schedule", true, false);
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final ChartRedraws redraws;

    BoundChart(ChartRedraws redraws) {
        this.redraws = redraws;
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(trained);
        data.addSeries(edited);
        data.setIntervalWidth(0.8);
        NumberAxis t = new NumberAxis("step t");
        t.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        t.setAutoRangeIncludesZero(false);
        ClusteredXYBarRenderer r = new ClusteredXYBarRenderer(0.1, false);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        XYPlot plot = new XYPlot(data, t, new NumberAxis("KL, bits per point"), r);
        XYSeriesCollection bestData = new XYSeriesCollection();
        bestData.addSeries(best);
        XYLineAndShapeRenderer marks = new XYLineAndShapeRenderer(false, true);
        marks.setSeriesShape(0, new Rectangle2D.Double(-5, -1.5, 10, 3));   // a short dash on each bar pair
        plot.setDataset(1, bestData);
        plot.setRenderer(1, marks);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        chart = new JFreeChart("Per-step KL terms of the bound (holdout)", new Font(Font.SANS_SERIF, Font.BOLD, 14),
                plot, true);
        viewer = new ChartViewer(chart);
        viewer.setId("bound-chart");
        ChartGuide.of(viewer)
                .series(trained.getKey(), PlotElement.KL_TERMS, "Per-step KL terms of the bound with the model as trained, "
                        + "under its own schedule: the bits lost at each reverse step t.")
                .series(edited.getKey(), PlotElement.KL_TERMS, "The same model's KL terms under the edited schedule (no "
                        + "retraining): where your edit gains or loses bits.")
                .series(best.getKey(), PlotElement.BEST_KERNEL, "The KL of the best possible Gaussian reverse step under the "
                        + "edited schedule (computed from the roll's known density): no network gets below this dash.");
    }

    ChartViewer viewer() {
        return viewer;
    }

    JFreeChart chart() {
        return chart;
    }

    /** perStep[t] for t = 0..T (t < 2 left out); null clears a series. */
    void show(double[] underTrained, double[] underEdited) {
        redraws.hold(chart);
        fill(trained, underTrained);
        fill(edited, underEdited);
    }

    /** The best kernel's KL per step (index t; null clears it). */
    void showBest(double[] perStep) {
        redraws.hold(chart);
        fill(best, perStep);
    }

    int bestCount() {
        return best.getItemCount();
    }

    private static void fill(XYSeries s, double[] perStep) {
        s.clear();
        if (perStep != null) {
            for (int t = 2; t < perStep.length; t++) {
                s.add(t, Double.isFinite(perStep[t]) ? perStep[t] : 0, false);
            }
        }
        s.fireSeriesChanged();
    }

    int barCount() {
        return trained.getItemCount() + edited.getItemCount();
    }

    void style(Palette p) {
        redraws.hold(chart);
        ChartStyle.apply(chart, p);
        XYPlot plot = chart.getXYPlot();
        plot.setDomainGridlinesVisible(false);
        plot.getRenderer().setSeriesPaint(0, p.awt("series-beta-model"));   // the colours of the two beta curves
        plot.getRenderer().setSeriesPaint(1, p.awt("series-beta"));
        plot.getRenderer(1).setSeriesPaint(0, p.awt("chart-text"));
    }

    static List<String> seriesNames() {
        return List.of("under the trained schedule", "under the edited schedule");
    }
}
