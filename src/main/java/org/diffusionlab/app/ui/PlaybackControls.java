package org.diffusionlab.app.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The controls of a {@link Playback}, as the Trajectory panes show them: Play/Pause, one step back and on, the t
 * slider, the speed and Loop. Each is bound to the playback; a pane adds its ids, its own tooltips where they differ,
 * and when they are disabled.
 */
public final class PlaybackControls {

    private PlaybackControls() {
    }

    /** Play or pause; disabled while {@code nothingToPlay}. */
    public static Button play(Playback p, String id, ObservableBooleanValue nothingToPlay) {
        Button play = new Button();
        play.setId(id);
        play.graphicProperty().bind(Bindings.when(p.playingProperty()).then((Node) new FontIcon(MaterialDesignP.PAUSE))
                .otherwise(new FontIcon(MaterialDesignP.PLAY)));
        play.textProperty().bind(Bindings.when(p.playingProperty()).then("Pause").otherwise("Play"));
        play.setOnAction(e -> p.togglePlay());
        play.disableProperty().bind(nothingToPlay);
        Tooltips.install(play, "Play or pause (space). q plays from t = 0 up to T, p (and both) from T down to 0.");
        return play;
    }

    /** One step back (-1, left arrow) or on (+1, right arrow) in t. */
    public static Button step(Playback p, String id, int delta) {
        boolean back = delta < 0;
        Button b = new Button(back ? "t \u2212 1" : "t + 1",
                new FontIcon(back ? MaterialDesignS.SKIP_PREVIOUS : MaterialDesignS.SKIP_NEXT));
        b.setId(id);
        b.setOnAction(e -> p.step(delta));
        Tooltips.install(b, back ? "One step back in t (left arrow)." : "One step on in t (right arrow).");
        return b;
    }

    /**
     * The t slider, from 0 to T, kept in step with t both ways; major ticks at quarters of T and
     * {@code minorTicks.applyAsInt(T)} between them.
     */
    public static Slider t(Playback p, String id, IntUnaryOperator minorTicks) {
        Slider slider = new Slider(0, 1, 0);
        slider.setId(id);
        slider.maxProperty().bind(p.stepsProperty());
        slider.setShowTickMarks(true);
        slider.setBlockIncrement(1);
        slider.setFocusTraversable(false);  // arrows step t through the pane's keys, not the slider's block steps
        slider.valueProperty().addListener((o, a, b) -> {
            int t = (int) Math.round(b.doubleValue());
            if (t != p.tProperty().get()) {
                p.tProperty().set(t);
            }
        });
        p.tProperty().addListener((o, a, b) -> {
            if ((int) Math.round(slider.getValue()) != b.intValue()) {
                slider.setValue(b.intValue());
            }
        });
        p.stepsProperty().addListener((o, a, b) -> {
            slider.setMajorTickUnit(Math.max(1, b.intValue() / 4));
            slider.setMinorTickCount(minorTicks.applyAsInt(b.intValue()));
            slider.setValue(p.tProperty().get());
        });
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMaxWidth(Double.MAX_VALUE);
        return slider;
    }

    /** The speeds offered, shown as "10 steps/s"; it follows the playback's speed when that is set elsewhere. */
    public static ComboBox<Double> speed(Playback p, String id, List<Double> speeds) {
        ComboBox<Double> speed = new ComboBox<>(FXCollections.observableArrayList(speeds));
        speed.setId(id);
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(Locale.ROOT, "%.0f steps/s", v);
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s.replace("steps/s", "").strip());
            }
        });
        speed.setValue(p.speedProperty().get());
        speed.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                p.speedProperty().set(b);
            }
        });
        p.speedProperty().addListener((o, a, b) -> speed.setValue(b.doubleValue()));
        return speed;
    }

    public static CheckBox loop(Playback p, String id) {
        CheckBox loop = new CheckBox("Loop");
        loop.setId(id);
        loop.selectedProperty().bindBidirectional(p.loopProperty());
        Tooltips.install(loop, "Start again from the beginning at the end.");
        return loop;
    }
}
