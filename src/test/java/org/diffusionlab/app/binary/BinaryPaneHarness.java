package org.diffusionlab.app.binary;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.FileDialogs;
import org.diffusionlab.engine.binomial.BinomialModel;
import org.diffusionlab.engine.binomial.BinomialModelFile;
import org.diffusionlab.engine.binomial.BinomialSnapshot;
import org.diffusionlab.engine.binomial.SavedBinomialModel;
import org.diffusionlab.engine.train.TrainingStatus;
import org.testfx.util.WaitForAsyncUtils;

/** The binary Trajectory pane alone in its own stage, its source a property holding the shipped heartbeat model. */
final class BinaryPaneHarness {

    static final Path MODEL = Path.of("assets", "models", "heartbeat-t2000.dlab");
    private static BinomialSnapshot shipped;

    final ObjectProperty<BinomialSnapshot> source = new SimpleObjectProperty<>();
    final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("binary-test-worker"));
    final ExecutorService io = Executors.newSingleThreadExecutor(daemon("binary-test-io"));
    final java.util.List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    BinaryTrajectoryViewModel vm;
    BinaryTrajectoryView view;

    /** A snapshot of the shipped model, as the training service would hand it over (no holdout evaluation needed). */
    static synchronized BinomialSnapshot shippedSnapshot() throws Exception {
        if (shipped == null) {
            SavedBinomialModel saved = BinomialModelFile.load(MODEL);
            BinomialModel m = saved.model();
            shipped = new BinomialSnapshot(m.config(), TrainingStatus.FINISHED, "", saved.iterations(),
                    saved.trainingSeconds(), 0, Double.NaN, null, null, m.network().parameters().toDoubleArray(),
                    saved.history());
        }
        return shipped;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    void start(Stage stage, double width, double height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        vm = new BinaryTrajectoryViewModel(source, worker);
        view = new BinaryTrajectoryView(vm, () -> (FileDialogs) null, errors::add, io);
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(DiffusionLabApp.class.getResource(DiffusionLabApp.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
        vm.setActive(true);
    }

    void stop() {
        vm.shutdown();
        worker.shutdownNow();
        io.shutdownNow();
    }

    /** Sets the source to the shipped model and waits for its frames. */
    void loadShipped(org.testfx.api.FxRobot robot) throws Exception {
        BinomialSnapshot s = shippedSnapshot();
        robot.interact(() -> source.set(s));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.framesProperty().get() != null);
        robot.interact(() -> view.redrawNow());
    }
}
