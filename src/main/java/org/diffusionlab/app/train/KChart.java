package org.diffusionlab.app.train;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Polygon;
import java.awt.geom.Ellipse2D;
import java.util.List;

import org.diffusionlab.app.explain.ChartGuide;
import org.diffusionlab.app.explain.PlotElement;
import org.diffusionlab.app.ui.ChartRedraws;
import org.diffusionlab.app.ui.Palette;
import org.diffusionlab.engine.train.HistoryPoint;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training curve: K (bits per point) on the training batch and on the fixed holdout against the iteration,
 * the importance-sampled log-likelihood and the best Gaussian kernel's bound under the schedule of the moment as
 * points, and two reference lines: the data's ceiling and L_null (the unit Gaussian). Points are appended as the
 * history grows; a shorter history (a new run) starts the plot afresh.
 */
final class KChart {

    private final XYSeries batch = new XYSeries("K, training batch", false, true);
    private final XYSeries holdout = new XYSeries("K, holdout", false, true);
    private final XYSeries logLikelihood = new XYSeries("log-likelihood (importance sampled)", false, true);
    private final XYSeries bestKernel = new XYSeries("best Gaussian kernel (this \u03b2)", false, true);
    private final ValueMarker ceiling = new ValueMarker(Double.NaN);
    private final ValueMarker nullLine = new ValueMarker(Double.NaN);
    /** Further labelled lines (e.g. the paper's figure, the true log-likelihood), each with its palette colour key. */
    private final java.util.Map<ValueMarker, String> references = new java.util.LinkedHashMap<>();
    /** The axis reaches at most this far down (NaN: 3 bits below L_null, or no limit without that line). */
    private double floor = Double.NaN;
    private Palette palette;
    private final JFreeChart chart;
    private final XYPlot plot;
    private final ChartViewer viewer;
    private final ChartRedraws redraws;
    private int shown;
    private double dataMin = Double.POSITIVE_INFINITY;
    private double dataMax = Double.NEGATIVE_INFINITY;

    /** Every change goes through {@code redraws}: one redraw per pulse at most, not one per series. */
    KChart(ChartRedraws redraws) {
        this(redraws, "bits per point");
    }

    /** @param unit the value axis' label (what one K is per: "bits per point", "bits per sequence") */
    KChart(ChartRedraws redraws, String unit) {
        this.redraws = redraws;
        XYSeriesCollection curves = new XYSeriesCollection();
        curves.addSeries(batch);
        curves.addSeries(holdout);
        chart = ChartFactory.createXYLineChart("Bound K during training", "iteration", unit, curves,
                PlotOrientation.VERTICAL, true, true, false);
        plot = chart.getXYPlot();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        plot.setRenderer(0, lines);
        XYSeriesCollection points = new XYSeriesCollection();
        points.addSeries(logLikelihood);
        points.addSeries(bestKernel);
        plot.setDataset(1, points);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        dots.setSeriesShape(1, new Polygon(new int[]{0, 5, -5}, new int[]{-5, 4, 4}, 3));
        plot.setRenderer(1, dots);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        for (ValueMarker m : List.of(ceiling, nullLine)) {
            dashed(m);
        }
        nullLine.setLabel("L_null (unit Gaussian)");
        nullLine.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        nullLine.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        ceiling.setLabel("data ceiling");
        ceiling.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        ceiling.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        viewer = new ChartViewer(chart);
        viewer.setId("k-chart");
        ChartGuide.of(viewer)
                .series(batch.getKey(), PlotElement.K_BATCH, "The bound K on the points of recent training steps: "
                        + "noisy, because each batch is small.")
                .series(holdout.getKey(), PlotElement.K_HOLDOUT, "The bound K on a fixed set of points the model never "
                        + "trains on: the figure to watch. Higher is better.")
                .series(logLikelihood.getKey(), PlotElement.LOG_LIKELIHOOD, "The model's log-likelihood, estimated by "
                        + "importance sampling over forward paths every ~10 s. K is a lower bound on it.")
                .series(bestKernel.getKey(), PlotElement.BEST_KERNEL, "The bound of the best possible Gaussian reverse "
                        + "step under the schedule of the moment: the network can approach it, never beat it.")
                .marker(ceiling, PlotElement.CEILING, "The best log-likelihood any model with this fixed first "
                        + "step can reach.")
                .marker(nullLine, PlotElement.L_NULL, "The log-likelihood of the data under the end distribution "
                        + "alone (pure noise): a model above this line has learned something.");
    }

    ChartViewer viewer() {
        return viewer;
    }

    JFreeChart chart() {
        return chart;
    }

    /** Number of history points plotted. */
    int pointCount() {
        return holdout.getItemCount();
    }

    int logLikelihoodCount() {
        return logLikelihood.getItemCount();
    }

    int bestKernelCount() {
        return bestKernel.getItemCount();
    }

    /** Shows a run's history: appends what is new, or starts again if the history is not a continuation. */
    void showHistory(List<HistoryPoint> history) {
        if (history.size() == shown && (shown == 0
                || holdout.getX(shown - 1).longValue() == history.get(shown - 1).iteration())) {
            return;
        }
        redraws.hold(chart);
        if (history.size() < shown || (shown > 0 && holdout.getX(shown - 1).longValue() != history.get(shown - 1).iteration())) {
            clear();
        }
        if (history.size() == shown) {
            return;
        }
        for (int i = shown; i < history.size(); i++) {
            HistoryPoint p = history.get(i);
            if (Double.isFinite(p.batchKBits())) {
                batch.add(p.iteration(), p.batchKBits(), false);
                include(p.batchKBits());
            }
            holdout.add(p.iteration(), Double.isFinite(p.holdoutKBits()) ? p.holdoutKBits() : null, false);
            include(p.holdoutKBits());
        }
        shown = history.size();
        batch.fireSeriesChanged();
        holdout.fireSeriesChanged();
        rescale();
    }

    void clear() {
        redraws.hold(chart);
        batch.clear();
        holdout.clear();
        logLikelihood.clear();
        bestKernel.clear();
        shown = 0;
        dataMin = Double.POSITIVE_INFINITY;
        dataMax = Double.NEGATIVE_INFINITY;
        rescale();
    }

    void setLogLikelihoods(List<TrainAnalysis.LogLikelihoodPoint> points) {
        redraws.hold(chart);
        logLikelihood.clear();
        bestKernel.clear();
        for (TrainAnalysis.LogLikelihoodPoint p : points) {
            if (Double.isFinite(p.bits())) {
                logLikelihood.add(p.iteration(), p.bits(), false);
                include(p.bits());
            }
            if (Double.isFinite(p.bestKernelBits())) {
                bestKernel.add(p.iteration(), p.bestKernelBits(), false);
                include(p.bestKernelBits());
            }
        }
        logLikelihood.fireSeriesChanged();
        bestKernel.fireSeriesChanged();
        rescale();
    }

    private static void dashed(ValueMarker m) {
        m.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[]{6, 4}, 0));
        m.setLabelOffset(new RectangleInsets(3, 6, 3, 6));
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    /**
     * Labels the ceiling line (default "data ceiling") and says what it means; the label above the line or below it
     * (below where another line lies just above the ceiling).
     */
    void setCeilingLabel(String label, String meaning, boolean above) {
        ceiling.setLabel(label);
        ChartGuide.of(viewer).marker(ceiling, PlotElement.CEILING, meaning);
        ceiling.setLabelAnchor(above ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT);
        ceiling.setLabelTextAnchor(above ? TextAnchor.BOTTOM_RIGHT : TextAnchor.TOP_RIGHT);
    }

    /** Whether the ceiling's label is drawn above its line. */
    boolean ceilingLabelAbove() {
        return ceiling.getLabelAnchor() == RectangleAnchor.TOP_RIGHT;
    }

    /**
     * Adds a labelled reference line at {@code bits} drawn in the palette colour {@code colourKey}, its label above
     * the line or below it; {@code meaning} is its tooltip.
     */
    void addReference(String label, String meaning, double bits, String colourKey, boolean labelAbove) {
        ValueMarker m = new ValueMarker(bits);
        ChartGuide.of(viewer).marker(m, PlotElement.REFERENCE, meaning);
        dashed(m);
        m.setLabel(label);
        m.setLabelAnchor(labelAbove ? RectangleAnchor.TOP_LEFT : RectangleAnchor.BOTTOM_LEFT);
        m.setLabelTextAnchor(labelAbove ? TextAnchor.BOTTOM_LEFT : TextAnchor.TOP_LEFT);
        references.put(m, colourKey);
        redraws.hold(chart);
        plot.addRangeMarker(m);
        if (palette != null) {
            styleReference(m, colourKey, palette);
        }
        rescale();
    }

    /** Keeps the value axis from reaching further down than {@code bits} (an untrained model's K can be far off). */
    void setFloor(double bits) {
        if (Double.compare(bits, floor) == 0) {
            return;
        }
        floor = bits;
        redraws.hold(chart);
        rescale();
    }

    /** For a model without an importance-sampled log-likelihood: its series leaves the legend. */
    void withoutLogLikelihood() {
        redraws.hold(chart);
        plot.getRenderer(1).setSeriesVisibleInLegend(0, false);
        plot.getRenderer(1).setSeriesVisibleInLegend(1, false);
    }

    /** Number of labelled reference lines added with {@link #addReference}. */
    int referenceCount() {
        return references.size();
    }

    private static void styleReference(ValueMarker m, String colourKey, Palette p) {
        m.setPaint(p.awt(colourKey));
        m.setLabelPaint(p.awt(colourKey));
        m.setLabelBackgroundColor(p.awt("chart-plot"));
    }

    void setCeiling(double bits) {
        setMarker(ceiling, bits);
    }

    void setNull(double bits) {
        setMarker(nullLine, bits);
    }

    private void setMarker(ValueMarker m, double bits) {
        redraws.hold(chart);
        plot.removeRangeMarker(m);
        if (Double.isFinite(bits)) {
            m.setValue(bits);
            plot.addRangeMarker(m);
        }
        rescale();
    }

    private void include(double v) {
        if (Double.isFinite(v)) {
            dataMin = Math.min(dataMin, v);
            dataMax = Math.max(dataMax, v);
        }
    }

    /**
     * Keeps both reference lines in view and the interesting band readable: an untrained model's K can lie many bits
     * below L_null, so the axis reaches at most 3 bits below it.
     */
    private void rescale() {
        double lo = dataMin;
        double hi = dataMax;
        List<ValueMarker> lines = new java.util.ArrayList<>(List.of(ceiling, nullLine));
        lines.addAll(references.keySet());
        for (ValueMarker m : lines) {
            if (plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND) != null
                    && plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).contains(m)) {
                lo = Math.min(lo, m.getValue());
                hi = Math.max(hi, m.getValue());
            }
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            plot.getRangeAxis().setAutoRange(true);
            return;
        }
        if (Double.isFinite(floor)) {
            lo = Math.max(lo, floor);
        } else if (Double.isFinite(nullLine.getValue())) {
            lo = Math.max(lo, nullLine.getValue() - 3);
        }
        double pad = Math.max(0.2, (hi - lo) * 0.08);
        plot.getRangeAxis().setRange(lo - pad, hi + pad);
    }

    /** Colours and fonts from the stylesheet (via the palette). */
    void style(Palette p) {
        palette = p;
        redraws.hold(chart);
        references.forEach((m, key) -> styleReference(m, key, p));
        chart.setBackgroundPaint(p.awt("chart-background"));
        chart.getTitle().setPaint(p.awt("chart-text"));
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        if (chart.getLegend() != null) {
            chart.getLegend().setBackgroundPaint(p.awt("chart-background"));
            chart.getLegend().setItemPaint(p.awt("chart-text"));
            chart.getLegend().setFrame(new org.jfree.chart.block.BlockBorder(p.awt("chart-background")));
        }
        plot.setBackgroundPaint(p.awt("chart-plot"));
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(p.awt("chart-grid"));
        plot.setRangeGridlinePaint(p.awt("chart-grid"));
        for (var axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            axis.setLabelPaint(p.awt("chart-text"));
            axis.setTickLabelPaint(p.awt("chart-text"));
            axis.setAxisLinePaint(p.awt("chart-grid"));
            axis.setTickMarkPaint(p.awt("chart-grid"));
        }
        XYLineAndShapeRenderer lines = (XYLineAndShapeRenderer) plot.getRenderer(0);
        lines.setSeriesPaint(0, p.awt("series-batch"));
        lines.setSeriesPaint(1, p.awt("series-holdout"));
        lines.setSeriesStroke(0, new BasicStroke(1.2f));
        lines.setSeriesStroke(1, new BasicStroke(2.2f));
        plot.getRenderer(1).setSeriesPaint(0, p.awt("series-loglik"));
        plot.getRenderer(1).setSeriesPaint(1, p.awt("line-ceiling"));
        ceiling.setLabelBackgroundColor(p.awt("chart-plot"));
        nullLine.setLabelBackgroundColor(p.awt("chart-plot"));
        ceiling.setPaint(p.awt("line-ceiling"));
        ceiling.setLabelPaint(p.awt("line-ceiling"));
        nullLine.setPaint(p.awt("line-null"));
        nullLine.setLabelPaint(p.awt("line-null"));
    }
}
