package org.diffusionlab.app.explain;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.geometry.Point2D;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.LegendItemEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYDataset;

/**
 * Says what every line, marker and bar of one chart is: its legend entries, its data items and its reference lines
 * get a tooltip in plain words, and each registered element is tied to a {@link PlotElement}, so hovering it points
 * at the matching equation term through the pane's {@link HighlightHub}, and pointing at the term (or the element)
 * draws the element emphasised (wider lines, larger points, outlined bars, a thicker reference line).
 */
public final class ChartGuide {

    private static final String KEY = ChartGuide.class.getName();
    /** How close (pixels) the mouse must come to a reference line to be over it. */
    private static final double MARKER_REACH = 5;

    private record Meaning(PlotElement element, String text) {
    }

    private final ChartViewer viewer;
    private final Map<Comparable<?>, Meaning> series = new LinkedHashMap<>();
    private final Map<Marker, Meaning> markers = new IdentityHashMap<>();
    private final Tooltip markerTip = new Tooltip();
    private final List<Runnable> undoEmphasis = new ArrayList<>();
    private HighlightHub hub;
    private PlotElement pointedHere;
    private boolean pointsOnHover = true;

    private ChartGuide(ChartViewer viewer) {
        this.viewer = viewer;
        markerTip.setWrapText(true);
        markerTip.setMaxWidth(380);
        markerTip.setShowDelay(Duration.ZERO);
        viewer.getProperties().put(KEY, this);
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
                hover(event);
            }
        });
        viewer.setOnMouseExited(e -> {
            markerTip.hide();
            point(null);
        });
        XYPlot plot = plot();
        for (int i = 0; i < plot.getRendererCount(); i++) {
            if (plot.getRenderer(i) instanceof AbstractXYItemRenderer r) {
                r.setLegendItemToolTipGenerator((dataset, s) -> describe(dataset.getSeriesKey(s)));
                r.setDefaultToolTipGenerator(this::itemTip);
            }
        }
    }

    /** The guide of {@code viewer}'s chart (an XY plot), created on first use. */
    public static ChartGuide of(ChartViewer viewer) {
        Object g = viewer.getProperties().get(KEY);
        return g instanceof ChartGuide guide ? guide : new ChartGuide(viewer);
    }

    /** The guide already attached to {@code viewer}, or null (for tests that check every chart has one). */
    public static ChartGuide find(ChartViewer viewer) {
        Object g = viewer.getProperties().get(KEY);
        return g instanceof ChartGuide guide ? guide : null;
    }

    /** The series named {@code key} (in any of the plot's datasets) means {@code text} and draws {@code element}. */
    public ChartGuide series(Comparable<?> key, PlotElement element, String text) {
        series.put(key, new Meaning(element, text));
        return this;
    }

    /** The reference line {@code marker} means {@code text} and draws {@code element}. */
    public ChartGuide marker(Marker marker, PlotElement element, String text) {
        markers.put(marker, new Meaning(element, text));
        return this;
    }

    /**
     * For a chart whose points are dragged: no tooltip over data items (a tooltip popping up under the pointer would
     * take the drag's mouse events) and hovering the chart does not point at terms (the emphasis it would draw moved
     * the curve under the pointer as a drag began). Legend tooltips stay, and pointing at a term still emphasises.
     */
    public ChartGuide withoutItemTooltips() {
        pointsOnHover = false;
        XYPlot plot = plot();
        for (int i = 0; i < plot.getRendererCount(); i++) {
            if (plot.getRenderer(i) instanceof AbstractXYItemRenderer r) {
                r.setDefaultToolTipGenerator(null);
            }
        }
        return this;
    }

    /** Ties this chart to its pane's hub: from now on hovering points, and pointing emphasises. */
    public ChartGuide connect(HighlightHub hub) {
        this.hub = hub;
        hub.activeProperty().addListener((o, a, now) -> emphasise(now));
        return this;
    }

    /** The plain-words meaning of the series {@code key}, or null when nobody said. */
    public String describe(Comparable<?> key) {
        Meaning m = series.get(key);
        return m == null ? null : m.text();
    }

    /** The plain-words meaning of {@code marker}, or null when nobody said. */
    public String describe(Marker marker) {
        Meaning m = markers.get(marker);
        return m == null ? null : m.text();
    }

    /** The tooltip shown over a reference line right now (for tests), or null. */
    public String markerTooltipText() {
        return markerTip.isShowing() ? markerTip.getText() : null;
    }

    /** Every reference line the plot has now, in both layers and both directions. */
    public List<Marker> markersOnPlot() {
        XYPlot plot = plot();
        List<Marker> all = new ArrayList<>();
        for (Layer layer : List.of(Layer.FOREGROUND, Layer.BACKGROUND)) {
            for (var c : new java.util.Collection<?>[]{plot.getRangeMarkers(layer), plot.getDomainMarkers(layer)}) {
                if (c != null) {
                    c.forEach(m -> all.add((Marker) m));
                }
            }
        }
        return all;
    }

    private String itemTip(XYDataset dataset, int s, int item) {
        Comparable<?> key = dataset.getSeriesKey(s);
        XYPlot plot = plot();
        String x = plot.getDomainAxis().getLabel();
        String y = plot.getRangeAxis().getLabel();
        String values = String.format("%s %s, %s", x, number(dataset.getXValue(s, item)), number(dataset.getYValue(s, item)))
                + (y == null || y.isBlank() ? "" : " " + y);
        String text = describe(key);
        return key + ": " + values + (text == null ? "" : "\n" + text);
    }

    private static String number(double v) {
        return Math.abs(v) >= 1000 || v == Math.rint(v) && Math.abs(v) < 1e6 ? String.format("%,.0f", v) : String.format("%.4g", v);
    }

    private void hover(ChartMouseEventFX event) {
        ChartEntity entity = event.getEntity();
        PlotElement element = null;
        Comparable<?> key = null;
        if (entity instanceof LegendItemEntity legend) {
            key = legend.getSeriesKey();
        } else if (entity instanceof XYItemEntity item) {
            key = item.getDataset().getSeriesKey(item.getSeriesIndex());
        }
        if (key != null && series.containsKey(key)) {
            element = series.get(key).element();
        }
        Marker marker = key == null ? markerAt(event.getTrigger().getX(), event.getTrigger().getY()) : null;
        if (marker != null) {
            Meaning m = markers.get(marker);
            element = m.element();
            markerTip.setText(markerTitle(marker) + m.text());
            Point2D at = viewer.localToScreen(event.getTrigger().getX() + 14, event.getTrigger().getY() + 14);
            if (at != null && !markerTip.isShowing()) {
                markerTip.show(viewer, at.getX(), at.getY());
            }
        } else {
            markerTip.hide();
        }
        point(element);
    }

    private static String markerTitle(Marker m) {
        return m.getLabel() == null || m.getLabel().isBlank() ? "" : m.getLabel() + ": ";
    }

    private Marker markerAt(double x, double y) {
        ChartRenderingInfo info = viewer.getCanvas().getRenderingInfo();
        if (info == null || info.getPlotInfo() == null) {
            return null;
        }
        Rectangle2D area = info.getPlotInfo().getDataArea();
        if (!area.contains(x, y)) {
            return null;
        }
        XYPlot plot = plot();
        for (Marker m : markersOnPlot()) {
            if (!(m instanceof ValueMarker v) || !markers.containsKey(m)) {
                continue;
            }
            boolean horizontal = plot.getRangeMarkers(Layer.FOREGROUND) != null && plot.getRangeMarkers(Layer.FOREGROUND).contains(m)
                    || plot.getRangeMarkers(Layer.BACKGROUND) != null && plot.getRangeMarkers(Layer.BACKGROUND).contains(m);
            double px = horizontal
                    ? plot.getRangeAxis().valueToJava2D(v.getValue(), area, plot.getRangeAxisEdge())
                    : plot.getDomainAxis().valueToJava2D(v.getValue(), area, plot.getDomainAxisEdge());
            if (Math.abs((horizontal ? y : x) - px) <= MARKER_REACH) {
                return m;
            }
        }
        return null;
    }

    private void point(PlotElement element) {
        if (hub == null || element == pointedHere || !pointsOnHover) {
            return;
        }
        if (pointedHere != null) {
            hub.release(pointedHere);
        }
        pointedHere = element;
        if (element != null) {
            hub.point(element);
        }
    }

    /** Draws the series and lines of {@code element} emphasised, after undoing the previous emphasis. */
    private void emphasise(PlotElement element) {
        boolean changed = !undoEmphasis.isEmpty();
        undoEmphasis.forEach(Runnable::run);
        undoEmphasis.clear();
        if (element != null) {
            emphasiseElement(element);
        }
        if (changed || !undoEmphasis.isEmpty()) {
            viewer.getChart().fireChartChanged();
        }
    }

    private void emphasiseElement(PlotElement element) {
        XYPlot plot = plot();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset data = plot.getDataset(d);
            XYItemRenderer r = plot.getRendererForDataset(data);
            if (data == null || r == null) {
                continue;
            }
            for (int s = 0; s < data.getSeriesCount(); s++) {
                Meaning m = series.get(data.getSeriesKey(s));
                if (m != null && m.element() == element) {
                    emphasiseSeries(r, s);
                }
            }
        }
        markers.forEach((marker, m) -> {
            if (m.element() == element) {
                Stroke before = marker.getStroke();
                marker.setStroke(wider(before, 2.2f));
                undoEmphasis.add(() -> marker.setStroke(before));
            }
        });
    }

    /**
     * Emphasis changes only how a series is drawn, without the renderer's change events: those make the plot
     * re-fit its axes, which would move a chart's scale under a drag in progress (the Schedule pane's control points).
     * The chart is then redrawn once, as is.
     */
    private void emphasiseSeries(XYItemRenderer r, int s) {
        if (r instanceof XYBarRenderer bars) {
            java.awt.Paint paint = bars.getSeriesPaint(s);
            if (paint instanceof java.awt.Color c) {
                bars.setSeriesPaint(s, c.darker(), false);
                undoEmphasis.add(() -> bars.setSeriesPaint(s, paint, false));
            }
            return;
        }
        Stroke stroke = r.getSeriesStroke(s);
        r.setSeriesStroke(s, wider(stroke == null ? r.getDefaultStroke() : stroke, 2.5f), false);
        Shape shape = r.getSeriesShape(s);
        if (r instanceof XYLineAndShapeRenderer lines && shape != null) {
            lines.setSeriesShape(s, AffineTransform.getScaleInstance(1.7, 1.7).createTransformedShape(shape), false);
        }
        undoEmphasis.add(() -> {
            r.setSeriesStroke(s, stroke, false);
            if (r instanceof XYLineAndShapeRenderer lines && shape != null) {
                lines.setSeriesShape(s, shape, false);
            }
        });
    }

    private static Stroke wider(Stroke s, float factor) {
        if (s instanceof BasicStroke b) {
            return new BasicStroke(Math.max(2f, b.getLineWidth() * factor), b.getEndCap(), b.getLineJoin(),
                    b.getMiterLimit(), b.getDashArray(), b.getDashPhase());
        }
        return new BasicStroke(3f);
    }

    private XYPlot plot() {
        JFreeChart chart = viewer.getChart();
        return chart.getXYPlot();
    }
}
