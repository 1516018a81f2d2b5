package org.diffusionlab.app.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A square thumbnail of 2-D points drawn on a {@link Canvas} (thousands of points: far cheaper than chart series).
 * The view box is fixed by {@link #setExtent} so that two clouds side by side share their scale.
 */
public final class PointCloud extends Region {

    private final Canvas canvas = new Canvas();
    private float[] xy = new float[0];
    private double extent = 2.5;
    private Color background = Color.WHITE;
    private Color ink = Color.BLACK;
    private Color frame = Color.LIGHTGRAY;

    public PointCloud() {
        getStyleClass().add("point-cloud");
        getChildren().add(canvas);
        setMinSize(120, 120);
        setPrefSize(240, 240);
    }

    /** The points, x and y interleaved. */
    public void setPoints(float[] interleaved) {
        this.xy = interleaved == null ? new float[0] : interleaved;
        draw();
    }

    public void setPoints(double[][] points) {
        float[] v = new float[points.length * 2];
        for (int i = 0; i < points.length; i++) {
            v[2 * i] = (float) points[i][0];
            v[2 * i + 1] = (float) points[i][1];
        }
        setPoints(v);
    }

    /** Half the side of the square shown, in data units (centred on 0). */
    public void setExtent(double extent) {
        this.extent = extent;
        draw();
    }

    public void setColors(Color background, Color ink, Color frame) {
        this.background = background;
        this.ink = ink;
        this.frame = frame;
        draw();
    }

    public int pointCount() {
        return xy.length / 2;
    }

    public Canvas canvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        double side = Math.max(0, Math.min(getWidth(), getHeight()));
        if (canvas.getWidth() != side || canvas.getHeight() != side) {
            canvas.setWidth(side);
            canvas.setHeight(side);
            draw();
        }
        canvas.relocate((getWidth() - side) / 2, (getHeight() - side) / 2);
    }

    @Override
    protected double computePrefHeight(double width) {
        return width > 0 ? width : super.computePrefHeight(width);
    }

    private void draw() {
        double s = canvas.getWidth();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(background);
        g.fillRect(0, 0, s, s);
        g.setStroke(frame);
        g.strokeRect(0.5, 0.5, s - 1, s - 1);
        if (s <= 2) {
            return;
        }
        double scale = s / (2 * extent);
        double dot = Math.max(1.2, s / 220);
        g.setFill(ink);
        g.setGlobalAlpha(0.55);
        for (int i = 0; i + 1 < xy.length; i += 2) {
            double px = (xy[i] + extent) * scale;
            double py = (extent - xy[i + 1]) * scale;
            if (px >= 0 && px <= s && py >= 0 && py <= s) {
                g.fillRect(px - dot / 2, py - dot / 2, dot, dot);
            }
        }
        g.setGlobalAlpha(1);
    }
}
