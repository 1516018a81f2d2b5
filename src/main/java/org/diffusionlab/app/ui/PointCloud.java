package org.diffusionlab.app.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A square thumbnail of 2-D points drawn on a {@link Canvas} (thousands of points: far cheaper than chart series).
 * The view box is fixed by {@link #setExtent} so that two clouds side by side share their scale. Points are drawn
 * into a {@link PointRaster} and shown through one {@link WritableImage}; with {@link #setColours} each point takes
 * its colour from a colour map instead of the ink.
 */
public final class PointCloud extends Region {

    private final Canvas canvas = new Canvas();
    private float[] xy = new float[0];
    private double extent = 2.5;
    private Color background = Color.WHITE;
    private Color ink = Color.BLACK;
    private Color frame = Color.LIGHTGRAY;
    private float[] colour;
    private ColourMap colourMap;
    private PointRaster raster;
    private WritableImage image;

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

    /**
     * Colours the points by a coordinate in [0, 1] each (NaN: the ink) through {@code map}; null switches back to
     * the ink. The array must have one value per point (checked when drawing; extra points use the ink).
     */
    public void setColours(float[] colour, ColourMap map) {
        this.colour = colour;
        this.colourMap = map;
        draw();
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
        int s = (int) canvas.getWidth();
        GraphicsContext g = canvas.getGraphicsContext2D();
        if (s < 2) {
            g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
            return;
        }
        if (raster == null || raster.width() != s) {
            raster = new PointRaster(s, s);
            image = new WritableImage(s, s);
        }
        raster.fill(PointRaster.argb(background));
        double scale = s / (2 * extent);
        int dot = Math.max(1, (int) Math.round(s / 220.0));
        int ink = PointRaster.argb(this.ink);
        int n = xy.length / 2;
        for (int i = 0; i < n; i++) {
            double px = (xy[2 * i] + extent) * scale;
            double py = (extent - xy[2 * i + 1]) * scale;
            int c = ink;
            if (colour != null && colourMap != null && i < colour.length && !Float.isNaN(colour[i])) {
                c = colourMap.argb(colour[i]);
            }
            raster.dot(px, py, dot, c, 140);
        }
        raster.outline(PointRaster.argb(frame));
        raster.writeTo(image);
        g.drawImage(image, 0, 0);
    }
}
