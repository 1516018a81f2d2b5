package org.diffusionlab.app.lesson;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The first start's panel: take the tour (lesson 1) or explore on your own. Lays out only. */
public final class WelcomePanel extends VBox {

    public WelcomePanel(Runnable takeTour, Runnable explore) {
        setId("welcome-panel");
        getStyleClass().addAll("lesson-panel", "welcome-panel");
        setPrefWidth(LessonPanel.WIDTH);
        setMinWidth(LessonPanel.WIDTH);
        setMaxWidth(LessonPanel.WIDTH);
        Label title = new Label("Welcome to DiffusionLab");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        Label text = new Label("DiffusionLab lets you watch the first diffusion model learn: data is slowly turned "
                + "into noise, and a small network learns to turn the noise back into data. The tour walks you "
                + "through it, one short lesson at a time; you can leave it whenever you like, and every lesson is "
                + "in the Lessons menu.");
        text.setWrapText(true);
        text.getStyleClass().add("lesson-text");
        Button tour = new Button("Take the tour");
        tour.setId("welcome-tour");
        tour.getStyleClass().add("accent");
        tour.setMaxWidth(Double.MAX_VALUE);
        tour.setOnAction(e -> takeTour.run());
        Button own = new Button("Explore on your own");
        own.setId("welcome-explore");
        own.setMaxWidth(Double.MAX_VALUE);
        own.setOnAction(e -> explore.run());
        getChildren().addAll(title, text, tour, own);
    }
}
