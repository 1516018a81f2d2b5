package org.diffusionlab.app.explain;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;
import org.diffusionlab.app.ui.Palette;
import org.jfree.fx.FXGraphics2D;
import org.scilab.forge.jlatexmath.ParseException;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * A LaTeX formula, laid out by JLaTeXMath and drawn on a canvas through FXGraphics2D. Its colours come from the
 * stylesheet ({@code palette-tex-text}), so it follows the light and dark themes; while
 * {@link #highlightedProperty() highlighted} it has the {@code :highlighted} pseudo-class (a tinted background in
 * app.css), which is how an equation term shows that the chart element it draws is being pointed at.
 */
public final class TexView extends Region {

    private static final double PADDING = 3;
    /** Below its natural width a formula shrinks to fit (down to this width), rather than being cut off. */
    private static final double MIN_WIDTH = 60;
    private static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");

    private final StringProperty latex = new SimpleStringProperty(this, "latex", "");
    private final BooleanProperty highlighted = new SimpleBooleanProperty(this, "highlighted", false);
    private final Canvas canvas = new Canvas();
    private final Palette palette = new Palette("tex-text");
    private final float fontSize;
    private TeXIcon icon;

    public TexView(String latex) {
        this(latex, 15);
    }

    public TexView(String latex, double fontSize) {
        TexFonts.ensureLoaded();
        this.fontSize = (float) fontSize;
        getStyleClass().add("tex-view");
        getChildren().addAll(palette, canvas);
        this.latex.addListener((o, a, b) -> relayout());
        highlighted.addListener((o, a, b) -> pseudoClassStateChanged(HIGHLIGHTED, b));
        sceneProperty().addListener((o, a, b) -> draw());
        palette.onRestyle(this::draw);
        this.latex.set(latex);
    }

    /**
     * Null when {@code latex} parses, else the parser's reason in one line; lessons and panels check their formulas
     * with it when they are loaded, so a typo is reported by name instead of drawn as an error box.
     */
    public static String check(String latex) {
        try {
            new TeXFormula(latex);
            return null;
        } catch (ParseException | IllegalArgumentException e) {
            String m = e.getMessage();
            return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
        }
    }

    public StringProperty latexProperty() {
        return latex;
    }

    public String getLatex() {
        return latex.get();
    }

    public void setLatex(String value) {
        latex.set(value);
    }

    public BooleanProperty highlightedProperty() {
        return highlighted;
    }

    /**
     * Never wider than {@code container} (less a little room): in a FlowPane, which lays each child out at its
     * preferred width, a formula wider than the panel then shrinks to fit instead of running past its edge.
     */
    public void fitWithin(Region container) {
        maxWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> container.getWidth() > MIN_WIDTH ? container.getWidth() - 4 : Region.USE_COMPUTED_SIZE,
                container.widthProperty()));
    }

    /** True once a formula has been laid out with a non-empty size (what tests check before looking at pixels). */
    public boolean isRendered() {
        return icon != null && icon.getIconWidth() > 0 && icon.getIconHeight() > 0;
    }

    private void relayout() {
        String text = latex.get();
        icon = null;
        if (text != null && !text.isBlank() && check(text) == null) {
            icon = new TeXFormula(text).createTeXIcon(TeXConstants.STYLE_DISPLAY, fontSize);
        }
        double w = icon == null ? 0 : icon.getIconWidth() + 2 * PADDING;
        double h = icon == null ? 0 : icon.getIconHeight() + 2 * PADDING;
        canvas.setWidth(w);
        canvas.setHeight(h);
        requestLayout();
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (icon == null) {
            return;
        }
        icon.setForeground(palette.awt("tex-text"));
        FXGraphics2D g2 = new FXGraphics2D(g);
        icon.paintIcon(null, g2, (int) PADDING, (int) PADDING);
    }

    /** Height depends on the width given: a formula wider than its room is drawn scaled down to fit. */
    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        return canvas.getWidth() + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return canvas.getHeight() * scaleFor(width) + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return Math.min(MIN_WIDTH, computePrefWidth(height));
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computeMaxWidth(double height) {
        return computePrefWidth(height);
    }

    @Override
    protected void layoutChildren() {
        double scale = scaleFor(getWidth());
        canvas.getTransforms().setAll(new Scale(scale, scale, 0, 0));
        canvas.relocate(snappedLeftInset(), snappedTopInset());
    }

    /** 1 when the formula fits in {@code width} (or no width is set), else the factor that makes it fit. */
    private double scaleFor(double width) {
        double natural = canvas.getWidth();
        double room = width - snappedLeftInset() - snappedRightInset();
        return width <= 0 || natural <= 0 || room >= natural ? 1 : Math.max(0.3, room / natural);
    }
}
