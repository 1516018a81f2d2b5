package org.diffusionlab.app.binary;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.diffusionlab.data.Heartbeat;

/**
 * A row of one button per bin lined up with the columns of the raster below it: a click cycles the bin free
 * \u2192 1 \u2192 0 \u2192 free, and the reverse rows are sampled again with the fixed bins.
 */
final class BinSelector extends Region {

    static final double HEIGHT = 28;

    private final BinaryTrajectoryViewModel vm;
    private final List<Button> buttons = new ArrayList<>();

    BinSelector(BinaryTrajectoryViewModel vm) {
        this.vm = vm;
        getStyleClass().add("binary-bins");
        for (int b = 0; b < Heartbeat.LENGTH; b++) {
            int bin = b;
            Button button = new Button();
            button.setId("binary-bin-" + b);
            button.getStyleClass().add("binary-bin");
            button.setMnemonicParsing(false);
            button.setFocusTraversable(false);
            button.setOnAction(e -> vm.cycleBin(bin));
            Tooltip tip = new Tooltip();
            tip.setShowDelay(Duration.millis(300));
            tip.setWrapText(true);
            tip.setMaxWidth(340);
            button.setTooltip(tip);
            buttons.add(button);
            getChildren().add(button);
        }
        vm.fixedBinsProperty().addListener((o, a, f) -> update());
        update();
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        setMaxHeight(HEIGHT);
    }

    Button button(int bin) {
        return buttons.get(bin);
    }

    private void update() {
        int[] f = vm.fixedBinsProperty().get();
        for (int b = 0; b < buttons.size(); b++) {
            Button button = buttons.get(b);
            button.getStyleClass().removeAll("binary-bin-one", "binary-bin-zero");
            String state;
            String next;
            if (f[b] == 1) {
                button.setText("1");
                button.getStyleClass().add("binary-bin-one");
                state = "fixed to 1";
                next = "fix it to 0";
            } else if (f[b] == 0) {
                button.setText("0");
                button.getStyleClass().add("binary-bin-zero");
                state = "fixed to 0";
                next = "free it";
            } else {
                button.setText("\u00b7");
                state = "free";
                next = "fix it to 1";
            }
            button.getTooltip().setText("Bin " + (b + 1) + ": " + state + ". Click to " + next + " (free \u2192 1 \u2192 0 "
                    + "\u2192 free); the model's samples are then drawn again with the fixed bins held to their values "
                    + "at every step, and the other bins sampled to fit.");
        }
    }

    @Override
    protected void layoutChildren() {
        RasterRenderer.Geometry g = RasterRenderer.geometry(getWidth(), buttons.size());
        for (int b = 0; b < buttons.size(); b++) {
            buttons.get(b).resizeRelocate(g.x0() + b * g.cell() + 1, 0, Math.max(1, g.cell() - 1), HEIGHT);
        }
    }
}
