package org.diffusionlab.app.ui;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.layout.Region;

/**
 * A pane's main column with its side column to the right while the width is at least the break width, and under
 * it (at the full width) below that: see {@link PaneLayout}. The side column gets its given width beside the main
 * column; stacked, it gets its preferred height and the main column the rest (at least the main column's minimum:
 * the scroll pane around scrolls past it).
 */
public final class MainAndSide extends Region {

    private static final double GAP = 8;

    private final Region main;
    private final Region side;
    private final double sideWidth;
    private final double breakWidth;

    public MainAndSide(Region main, Region side, double sideWidth, double breakWidth) {
        this.main = main;
        this.side = side;
        this.sideWidth = sideWidth;
        this.breakWidth = breakWidth;
        getChildren().addAll(main, side);
        getStyleClass().add("main-and-side");
    }

    /** Whether the side column stands under the main column at this width. */
    public boolean stackedAt(double width) {
        return width < breakWidth;
    }

    /** Whether the side column now stands under the main column. */
    public boolean isStacked() {
        return stackedAt(getWidth());
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    private double innerWidth(double width) {
        Insets in = getInsets();
        return (width < 0 ? getWidth() : width) - in.getLeft() - in.getRight();
    }

    @Override
    protected double computeMinWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + in.getRight() + Math.max(main.minWidth(-1), side.minWidth(-1));
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + in.getRight() + main.prefWidth(-1) + GAP + sideWidth;
    }

    @Override
    protected double computeMinHeight(double width) {
        return height(width, true);
    }

    @Override
    protected double computePrefHeight(double width) {
        return height(width, false);
    }

    private double height(double width, boolean min) {
        Insets in = getInsets();
        double w = innerWidth(width);
        double h;
        if (stackedAt(width < 0 ? getWidth() : width)) {
            h = (min ? main.minHeight(w) : main.prefHeight(w)) + GAP + side.prefHeight(w);
        } else {
            h = Math.max(min ? main.minHeight(w - sideWidth - GAP) : main.prefHeight(w - sideWidth - GAP),
                    min ? side.minHeight(sideWidth) : side.prefHeight(sideWidth));
        }
        return in.getTop() + in.getBottom() + h;
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double x = in.getLeft();
        double y = in.getTop();
        double w = getWidth() - in.getLeft() - in.getRight();
        double h = getHeight() - in.getTop() - in.getBottom();
        if (isStacked()) {
            double sideH = Math.min(side.prefHeight(w), Math.max(0, h - GAP - main.minHeight(w)));
            sideH = Math.max(sideH, side.minHeight(w));
            double mainH = Math.max(0, h - GAP - sideH);
            main.resizeRelocate(x, y, w, mainH);
            side.resizeRelocate(x, y + mainH + GAP, w, sideH);
        } else {
            double mainW = Math.max(0, w - sideWidth - GAP);
            main.resizeRelocate(x, y, mainW, h);
            side.resizeRelocate(x + mainW + GAP, y, sideWidth, h);
        }
    }
}
