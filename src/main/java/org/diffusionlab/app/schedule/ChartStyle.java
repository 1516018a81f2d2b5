package org.diffusionlab.app.schedule;

import org.diffusionlab.app.ui.Palette;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;

/** The stylesheet's colours on a chart's frame, axes and legend (series colours are each chart's own). */
final class ChartStyle {

    private ChartStyle() {
    }

    static void apply(JFreeChart chart, Palette p) {
        chart.setBackgroundPaint(p.awt("chart-background"));
        chart.getTitle().setPaint(p.awt("chart-text"));
        if (chart.getLegend() != null) {
            chart.getLegend().setBackgroundPaint(p.awt("chart-background"));
            chart.getLegend().setItemPaint(p.awt("chart-text"));
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(p.awt("chart-plot"));
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(p.awt("chart-grid"));
        plot.setRangeGridlinePaint(p.awt("chart-grid"));
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            axis(plot.getDomainAxis(i), p);
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            axis(plot.getRangeAxis(i), p);
        }
    }

    static void axis(ValueAxis axis, Palette p) {
        if (axis == null) {
            return;
        }
        axis.setLabelPaint(p.awt("chart-text"));
        axis.setTickLabelPaint(p.awt("chart-text"));
        axis.setAxisLinePaint(p.awt("chart-grid"));
        axis.setTickMarkPaint(p.awt("chart-grid"));
    }
}
