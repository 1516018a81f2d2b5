package org.diffusionlab.app.train;

import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The Run section of a training form: Start / Pause / Step / Reset, the counters (iteration, speed, training time,
 * K on the holdout), the budget's progress bar with its ETA, and the divergence message; all bound to a
 * {@link RunProgress}.
 */
final class RunControls extends VBox {

    final Button start = new Button();
    final Button pause = new Button("Pause");
    final Button step = new Button("Step");
    final Button reset = new Button("Reset");

    /**
     * @param onStart start or resume
     * @param onPause pause after the current iteration
     * @param onStep  exactly one iteration
     * @param onReset discard and start afresh (asking first where training would be lost)
     */
    RunControls(RunProgress p, Runnable onStart, Runnable onPause, Runnable onStep, Runnable onReset) {
        getStyleClass().add("run-controls");
        start.setId("start");
        start.textProperty().bind(p.startTextProperty());
        start.setGraphic(new FontIcon(MaterialDesignP.PLAY));
        start.disableProperty().bind(p.startDisabledProperty());
        start.setOnAction(e -> onStart.run());
        start.setTooltip(new Tooltip("Train until the budget is spent, or resume (F5)"));
        start.getStyleClass().add("accent");

        pause.setId("pause");
        pause.setGraphic(new FontIcon(MaterialDesignP.PAUSE));
        pause.disableProperty().bind(p.pauseDisabledProperty());
        pause.setOnAction(e -> onPause.run());
        pause.setTooltip(new Tooltip("Pause after the current iteration (F6)"));

        step.setId("step");
        step.setGraphic(new FontIcon(MaterialDesignS.STEP_FORWARD));
        step.disableProperty().bind(p.stepDisabledProperty());
        step.setOnAction(e -> onStep.run());
        step.setTooltip(new Tooltip("Exactly one iteration (F7)"));

        reset.setId("reset");
        reset.setGraphic(new FontIcon(MaterialDesignR.RESTART));
        reset.disableProperty().bind(p.resetDisabledProperty());
        reset.setOnAction(e -> onReset.run());
        reset.setTooltip(new Tooltip("Discard the training and start afresh from these settings (Ctrl+R)"));

        GridPane buttons = new GridPane();
        buttons.getStyleClass().add("button-grid");
        buttons.addRow(0, start, pause);
        buttons.addRow(1, step, reset);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints half = new ColumnConstraints();
            half.setPercentWidth(50);
            buttons.getColumnConstraints().add(half);
        }
        for (Button b : List.of(start, pause, step, reset)) {
            b.setMaxWidth(Double.MAX_VALUE);
            b.setMinWidth(0);
        }

        GridPane stats = new GridPane();
        stats.getStyleClass().add("stats");
        stats.addRow(0, FormParts.caption("Iteration"), FormParts.value("iteration", p.iterationTextProperty()));
        stats.addRow(1, FormParts.caption("Speed"), FormParts.value("speed", p.speedTextProperty()));
        stats.addRow(2, FormParts.caption("Training time"), FormParts.value("elapsed", p.elapsedTextProperty()));
        stats.addRow(3, FormParts.caption("K, holdout"), FormParts.value("k-holdout", p.kTextProperty()));

        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.progressProperty().bind(p.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label eta = new Label();
        eta.setId("eta");
        eta.textProperty().bind(p.etaTextProperty());
        HBox progressRow = new HBox(progress, eta);
        progressRow.getStyleClass().add("progress-row");
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.visibleProperty().bind(p.progressVisibleProperty());
        progressRow.managedProperty().bind(p.progressVisibleProperty());

        Label message = new Label();
        message.setId("message");
        message.getStyleClass().add("run-message");
        message.setWrapText(true);
        message.textProperty().bind(p.messageTextProperty());
        message.visibleProperty().bind(p.messageTextProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        getChildren().addAll(buttons, stats, progressRow, message);
    }
}
