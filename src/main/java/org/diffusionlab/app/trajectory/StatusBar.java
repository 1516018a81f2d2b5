package org.diffusionlab.app.trajectory;

import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The Trajectory panes' bottom line: a small spinner while frames are computed, the pane's status, and on the right
 * the progress and result of an export (the two can run at once, so they have a label each).
 */
public final class StatusBar {

    private StatusBar() {
    }

    public static HBox create(Label status, Label exportStatus, String busyId, ObservableBooleanValue computing) {
        status.getStyleClass().add("trajectory-status");
        exportStatus.getStyleClass().add("trajectory-status");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId(busyId);
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(computing);
        busy.managedProperty().bind(busy.visibleProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bottom = new HBox(8, busy, status, gap, exportStatus);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.getStyleClass().add("trajectory-toolbar");
        return bottom;
    }
}
