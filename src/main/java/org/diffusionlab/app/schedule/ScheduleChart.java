package org.diffusionlab.app.schedule;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

import javafx.scene.Cursor;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.diffusionlab.app.explain.ChartGuide;
import org.diffusionlab.app.explain.PlotElement;
import org.diffusionlab.app.ui.ChartRedraws;
import org.diffusionlab.app.ui.Palette;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * beta_t against t with draggable control points, the model's schedule and the run's starting schedule (faint) for
 * comparison, and, on a second (log) axis, abar_t and the signal-to-noise ratio abar_t / (1 - abar_t). The beta axis is
 * linear or logarithmic. Mouse positions become betas through the plot's own axes and the chart's rendering info; the
 * axis range stays put while a point is dragged, so the point follows the mouse.
 */
final class ScheduleChart {

    /** Where a press must land to pick up a control point, pixels. */
    static final double PICK_RADIUS = 12;

    /** What the chart tells its owner about a drag. */
    interface DragListener {
        void pressed(int control);

        void dragged(int control, double beta);

        void released(int control);
    }

    private final XYSeries edited = new XYSeries("\u03b2_t (edited)", true, false);
    private final XYSeries model = new XYSeries("\u03b2_t of the model now", true, false);
    private final XYSeries start = new XYSeries("\u03b2_t at the start of training", true, false);
    private final XYSeries points = new XYSeries("control points (drag)", true, false);
    private final XYSeries abar = new XYSeries("\u1fb1_t", true, false);
    private final XYSeries snr = new XYSeries("SNR \u1fb1_t / (1 \u2212 \u1fb1_t)", true, false);
    private final XYSeriesCollection betaData = new XYSeriesCollection();
    private final XYSeriesCollection pointData = new XYSeriesCollection(points);
    private final XYSeriesCollection secondData = new XYSeriesCollection();
    private final JFreeChart chart;
    private final XYPlot plot;
    private final ChartViewer viewer;
    private final ChartRedraws redraws;
    private final NumberAxis linearAxis = new NumberAxis("\u03b2_t");
    private final LogAxis logAxis = new LogAxis("\u03b2_t (log scale)");
    private final LogAxis secondAxis = new LogAxis("\u1fb1_t and SNR (log scale)");
    private XYPointerAnnotation refusal;
    private boolean logScale = true;
    private boolean secondVisible = true;
    private int[] controls = new int[0];
    private double[] controlBetas = new double[0];
    private double[] rangeData = new double[0];
    private int dragging = -1;
    private DragListener listener;
    private Palette palette;

    ScheduleChart(ChartRedraws redraws) {
        this.redraws = redraws;
        betaData.addSeries(edited);
        betaData.addSeries(model);
        betaData.addSeries(start);
        secondData.addSeries(abar);
        secondData.addSeries(snr);
        NumberAxis tAxis = new NumberAxis("step t");
        tAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        tAxis.setAutoRangeIncludesZero(false);
        plot = new XYPlot(betaData, tAxis, logAxis, new XYLineAndShapeRenderer(true, false));
        plot.setDataset(1, pointData);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
        plot.setRenderer(1, dots);
        plot.setDataset(2, secondData);
        plot.setRangeAxis(1, secondAxis);
        plot.mapDatasetToRangeAxis(2, 1);
        plot.setRenderer(2, new XYLineAndShapeRenderer(true, false));
        for (LogAxis a : List.of(logAxis, secondAxis)) {
            a.setBase(10);
            a.setSmallestValue(1e-12);
            a.setMinorTickMarksVisible(true);
            a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());   // whole powers of ten
        }
        linearAxis.setAutoRangeIncludesZero(true);
        chart = new JFreeChart("Diffusion rate \u03b2_t", new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        viewer = new ChartViewer(chart);
        viewer.setId("schedule-chart");
        ChartGuide.of(viewer).withoutItemTooltips()
                .series(edited.getKey(), PlotElement.BETA, "The schedule you are editing: the diffusion rate \u03b2_t, the "
                        + "variance of the noise added at forward step t. Drag the round control points to change it.")
                .series(model.getKey(), PlotElement.BETA, "The schedule the model trains with now (learned, if \u03b2 is "
                        + "learned).")
                .series(start.getKey(), PlotElement.BETA, "The schedule the run started from, before any learning.")
                .series(points.getKey(), PlotElement.BETA, "Control points: drag one up or down to change \u03b2 at its "
                        + "step; the curve bends smoothly through them (in log \u03b2).")
                .series(abar.getKey(), PlotElement.ALPHA_BAR, "\u1fb1_t = \u220f(1 \u2212 \u03b2_s): the fraction of the "
                        + "data's signal (as variance) still left after t forward steps (right axis).")
                .series(snr.getKey(), PlotElement.SNR, "Signal-to-noise ratio \u1fb1_t / (1 \u2212 \u1fb1_t) after t steps "
                        + "(right axis): high at t = 0, near zero at t = T.");
        viewer.getCanvas().setRangeZoomable(false);
        viewer.getCanvas().setDomainZoomable(false);
        viewer.getCanvas().addEventFilter(MouseEvent.MOUSE_PRESSED, this::onPress);
        viewer.getCanvas().addEventFilter(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        viewer.getCanvas().addEventFilter(MouseEvent.MOUSE_RELEASED, this::onRelease);
        viewer.getCanvas().addEventFilter(MouseEvent.MOUSE_MOVED, e ->
                viewer.getCanvas().setCursor(pick(e.getX(), e.getY()) >= 0 ? Cursor.HAND : Cursor.DEFAULT));
    }

    ChartViewer viewer() {
        return viewer;
    }

    JFreeChart chart() {
        return chart;
    }

    void setDragListener(DragListener l) {
        this.listener = l;
    }

    /** Shows the edited schedule and its control points (values beta at each control step). */
    void showEdited(BetaSchedule s, int[] controlSteps) {
        redraws.hold(chart);
        fill(edited, s);
        controls = controlSteps.clone();
        controlBetas = new double[controls.length];
        points.clear();
        for (int i = 0; i < controls.length; i++) {
            controlBetas[i] = s.beta(controls[i]);
            points.add(controls[i], controlBetas[i], false);
        }
        points.fireSeriesChanged();
        abar.clear();
        snr.clear();
        for (int t = 1; t <= s.steps(); t++) {
            double a = s.abar(t);
            abar.add(t, a, false);
            snr.add(t, a / (1 - a), false);
        }
        abar.fireSeriesChanged();
        snr.fireSeriesChanged();
        if (dragging < 0) {
            rangeData = s.betas();
            fitRange();
        }
    }

    /** The model's current schedule, and the run's starting schedule (null to hide either). */
    void showReference(BetaSchedule now, BetaSchedule first) {
        redraws.hold(chart);
        fill(model, now);
        fill(start, first);
    }

    private static void fill(XYSeries series, BetaSchedule s) {
        series.clear();
        if (s != null) {
            for (int t = 1; t <= s.steps(); t++) {
                series.add(t, s.beta(t), false);
            }
        }
        series.fireSeriesChanged();
    }

    void setLogScale(boolean log) {
        if (log == logScale) {
            return;
        }
        logScale = log;
        redraws.hold(chart);
        plot.setRangeAxis(0, log ? logAxis : linearAxis);
        fitRange();
    }

    boolean logScale() {
        return logScale;
    }

    /** Shows or hides abar_t and the SNR with their axis. */
    void setSecondAxisVisible(boolean visible) {
        secondVisible = visible;
        redraws.hold(chart);
        plot.getRenderer(2).setDefaultSeriesVisible(visible);
        secondAxis.setVisible(visible);
    }

    boolean secondAxisVisible() {
        return secondVisible;
    }

    /**
     * The beta axis spans the edited curve with a margin, and tops out at 1 on the log axis (near 1 on the linear
     * one), so that a drag past the top edge asks for beta >= 1 and is visibly refused.
     */
    private void fitRange() {
        double min = 1;
        double max = 0;
        for (double b : rangeData) {
            min = Math.min(min, b);
            max = Math.max(max, b);
        }
        if (rangeData.length == 0) {
            return;
        }
        if (logScale) {
            logAxis.setRange(Math.max(1e-12, min / 3), 1);
        } else {
            linearAxis.setRange(0, Math.min(1, Math.max(max * 1.15, 1e-6)));
        }
    }

    /** Shows why a drag was refused, pointing at the control point; null clears it. */
    void showRefusal(int control, String reason) {
        redraws.hold(chart);
        if (refusal != null) {
            plot.removeAnnotation(refusal, false);
            refusal = null;
        }
        if (reason != null && control >= 0 && control < controls.length) {
            double t = controls[control];
            // Java2D angles run clockwise from 3 o'clock: put the label towards the plot's middle, away from the edges.
            boolean left = t > (controls[controls.length - 1] + controls[0]) / 2.0;
            Point2D at = controlPosition(control);
            Rectangle2D area = dataArea();
            boolean below = at != null && area != null && at.getY() < area.getCenterY();
            double angle = below ? (left ? 0.75 : 0.25) * Math.PI : (left ? -0.75 : -0.25) * Math.PI;
            refusal = new XYPointerAnnotation(reason, t, controlBetas[control], angle);
            refusal.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            refusal.setTextAnchor(below ? (left ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT)
                    : (left ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT));
            refusal.setBaseRadius(40);
            refusal.setTipRadius(8);
            if (palette != null) {
                refusal.setPaint(palette.awt("refusal"));
                refusal.setArrowPaint(palette.awt("refusal"));
                refusal.setBackgroundPaint(palette.awt("chart-background"));
                refusal.setOutlinePaint(palette.awt("refusal"));
            }
            refusal.setOutlineVisible(true);
            plot.addAnnotation(refusal, false);
        }
        chart.fireChartChanged();
    }

    /** The refusal text shown in the chart, or null. */
    String refusalText() {
        return refusal == null ? null : refusal.getText();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Mouse: chart coordinates <-> values through the axes and the last rendering's data area

    private Rectangle2D dataArea() {
        ChartRenderingInfo info = viewer.getCanvas().getRenderingInfo();
        return info == null ? null : info.getPlotInfo().getDataArea();
    }

    /** Where control point {@code i} is drawn, in the canvas's coordinates (null before the first drawing). */
    Point2D controlPosition(int i) {
        Rectangle2D area = dataArea();
        if (area == null || area.isEmpty() || i < 0 || i >= controls.length) {
            return null;
        }
        double x = plot.getDomainAxis().valueToJava2D(controls[i], area, plot.getDomainAxisEdge());
        double y = plot.getRangeAxis().valueToJava2D(controlBetas[i], area, plot.getRangeAxisEdge());
        return new Point2D.Double(x, y);
    }

    /** The beta that a mouse at canvas height {@code y} asks for (extrapolated beyond the plot's edges). */
    double betaAt(double y) {
        Rectangle2D area = dataArea();
        ValueAxis axis = plot.getRangeAxis();
        return axis.java2DToValue(y, area, plot.getRangeAxisEdge());
    }

    int controlCount() {
        return controls.length;
    }

    /** The control point within {@link #PICK_RADIUS} of (x, y), nearest first, or -1. */
    int pick(double x, double y) {
        int best = -1;
        double bestDistance = PICK_RADIUS;
        for (int i = 0; i < controls.length; i++) {
            Point2D p = controlPosition(i);
            if (p != null) {
                double d = p.distance(x, y);
                if (d <= bestDistance) {
                    bestDistance = d;
                    best = i;
                }
            }
        }
        return best;
    }

    private void onPress(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        int i = pick(e.getX(), e.getY());
        if (i >= 0) {
            dragging = i;
            e.consume();           // no zoom rectangle or pan
            if (listener != null) {
                listener.pressed(i);
            }
        }
    }

    private void onDrag(MouseEvent e) {
        if (dragging >= 0) {
            e.consume();
            if (listener != null) {
                listener.dragged(dragging, betaAt(e.getY()));
            }
        }
    }

    private void onRelease(MouseEvent e) {
        if (dragging >= 0) {
            int i = dragging;
            e.consume();
            dragging = -1;
            if (listener != null) {
                listener.released(i);
            }
        }
    }

    boolean isDragging() {
        return dragging >= 0;
    }

    void style(Palette p) {
        palette = p;
        redraws.hold(chart);
        ChartStyle.apply(chart, p);
        for (ValueAxis axis : List.of(linearAxis, logAxis)) {
            ChartStyle.axis(axis, p);          // the beta axis not shown now is styled too
        }
        XYLineAndShapeRenderer lines = (XYLineAndShapeRenderer) plot.getRenderer(0);
        lines.setSeriesPaint(0, p.awt("series-beta"));
        lines.setSeriesStroke(0, new BasicStroke(2.5f));
        lines.setSeriesPaint(1, p.awt("series-beta-model"));
        lines.setSeriesStroke(1, new BasicStroke(1.5f));
        java.awt.Color faint = p.awt("series-beta-start");
        lines.setSeriesPaint(2, new java.awt.Color(faint.getRed(), faint.getGreen(), faint.getBlue(), 110));
        lines.setSeriesStroke(2, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1,
                new float[]{5, 4}, 0));
        plot.getRenderer(1).setSeriesPaint(0, p.awt("series-beta"));
        XYLineAndShapeRenderer second = (XYLineAndShapeRenderer) plot.getRenderer(2);
        second.setSeriesPaint(0, p.awt("series-abar"));
        second.setSeriesPaint(1, p.awt("series-snr"));
        for (int s = 0; s < 2; s++) {
            second.setSeriesStroke(s, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1,
                    new float[]{2, 3}, 0));
        }
    }

    /** Test access: the edited curve's plotted beta at step t. */
    double plottedBeta(int t) {
        return edited.getY(edited.indexOf(t)).doubleValue();
    }

    /** Test access: the plotted abar at step t. */
    double plottedAbar(int t) {
        return abar.getY(abar.indexOf(t)).doubleValue();
    }

}
