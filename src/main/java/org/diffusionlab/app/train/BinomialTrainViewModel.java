package org.diffusionlab.app.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.concurrent.Task;
import org.diffusionlab.app.service.BinomialTrainingService;
import org.diffusionlab.app.train.TrainLogic.Parsed;
import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.binomial.BinomialArchitecture;
import org.diffusionlab.engine.binomial.BinomialConfig;
import org.diffusionlab.engine.binomial.BinomialModel;
import org.diffusionlab.engine.binomial.BinomialModelFile;
import org.diffusionlab.engine.binomial.BinomialSnapshot;
import org.diffusionlab.engine.binomial.Parameterisation;
import org.diffusionlab.engine.binomial.SavedBinomialModel;

/**
 * The Train pane's state when it trains binomial diffusion on the binary heartbeat: beside what every run has
 * ({@link RunViewModel}), T, the network, the temporal bumps and the parameterisation, on top of a
 * {@link BinomialTrainingService}. K is in bits per sequence.
 */
public final class BinomialTrainViewModel extends RunViewModel<BinomialSnapshot, BinomialConfig> {

    private final BinomialTrainingService service;

    private final StringProperty steps = new SimpleStringProperty(this, "steps", "");
    private final StringProperty network = new SimpleStringProperty(this, "network", "");
    private final StringProperty bumps = new SimpleStringProperty(this, "bumps", "");
    private final ObjectProperty<Parameterisation> parameterisation = new SimpleObjectProperty<>(this, "parameterisation");

    private final StringBinding stepsError = problem(steps, () -> steps(steps.get()));
    private final StringBinding networkError = problem(network, () -> network(network.get()));
    private final StringBinding bumpsError = problem(bumps, () -> bumps(bumps.get()));

    public BinomialTrainViewModel(BinomialTrainingService service, BinomialConfig initial) {
        super(service, initial, BinomialTrainViewModel::bitsPerSequence, "diffusionlab-binomial-io");
        this.service = service;
        bind(List.of(stepsError, networkError, bumpsError), parameterisation);
    }

    /** Builds the first run from the form, if none exists yet (the heartbeat experiment was chosen). */
    public void initialise() {
        if (service.getSnapshot() == null && !service.isBusy()) {
            formConfig().ifPresentOrElse(service::reset, () -> service.reset(template()));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Form

    static Parsed<Integer> steps(String text) {
        Parsed<Integer> n = wholeNumber(text, "T");
        if (n.isValid() && (n.value() < 2 || n.value() > 10_000)) {
            return Parsed.refused("T must be a whole number from 2 to 10000 (the paper: 2000)");
        }
        return n;
    }

    static Parsed<Integer> bumps(String text) {
        Parsed<Integer> n = wholeNumber(text, "The number of temporal bumps");
        if (n.isValid() && (n.value() < 1 || n.value() > BinomialArchitecture.MAX_BUMPS)) {
            return Parsed.refused("The number of temporal bumps must be 1 to " + BinomialArchitecture.MAX_BUMPS);
        }
        return n;
    }

    static Parsed<String> network(String text) {
        try {
            return Parsed.ok(BinomialArchitecture.parse(text == null ? "" : text.trim(), 1, Parameterisation.X0)
                    .layersText());
        } catch (IllegalArgumentException e) {
            return Parsed.refused(e.getMessage());
        }
    }

    private static Parsed<Integer> wholeNumber(String text, String field) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return Parsed.refused(field + " is required");
        }
        try {
            return Parsed.ok(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            return Parsed.refused(field + " must be a whole number, got '" + t + "'");
        }
    }

    @Override
    protected boolean choicesMade() {
        return parameterisation.get() != null;
    }

    @Override
    protected void setForm(BinomialConfig c) {
        steps.set(Integer.toString(c.steps()));
        network.set(c.network());
        bumps.set(Integer.toString(c.bumps()));
        parameterisation.set(c.parameterisation());
        learningRateProperty().set(plain(c.learningRate()));
        batchSizeProperty().set(Integer.toString(c.batchSize()));
        seedProperty().set(Long.toString(c.seed()));
    }

    @Override
    protected BinomialConfig buildConfig() {
        return new BinomialConfig(Heartbeat.NAME, steps(steps.get()).value(), network(network.get()).value(),
                bumps(bumps.get()).value(), parameterisation.get(), TrainLogic.learningRate(learningRateProperty().get()).value(),
                TrainLogic.batchSize(batchSizeProperty().get()).value(), TrainLogic.seed(seedProperty().get()).value(),
                template().holdoutPerStep());
    }

    @Override
    protected BinomialConfig configOf(BinomialSnapshot s) {
        return s.config();
    }

    @Override
    protected boolean sameModel(BinomialConfig a, BinomialConfig b) {
        return a.withOptimizer(b.learningRate(), b.batchSize()).equals(b);
    }

    @Override
    protected void resetService(BinomialConfig config) {
        service.reset(config);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Files

    /**
     * Reads a binomial model file on a background thread; if it is valid, training continues from it (the form shows
     * its settings) and {@code onOpened} runs; if not, the error sink gets the reason and nothing else changes.
     */
    public Task<SavedBinomialModel> open(Path file, Runnable onOpened) {
        return openModel(() -> BinomialModelFile.load(file), m -> m.model().config(), service::open, onOpened);
    }

    /**
     * Saves the newest snapshot to a binomial model file on a background thread (atomically), with the learning rate
     * and batch size now in use. The task fails with an IOException naming the file.
     */
    public Task<Path> save(Path file) {
        return saveModel(file, (target, s, lr, b) -> {
            BinomialModel m = s.toModel();
            BinomialConfig c = m.config().withOptimizer(lr.isValid() ? lr.value() : m.config().learningRate(),
                    b.isValid() ? b.value() : m.config().batchSize());
            BinomialModelFile.save(target, new SavedBinomialModel(new BinomialModel(c, m.network()), s.history(),
                    s.iteration(), s.seconds(), org.diffusionlab.Version.get(), java.time.Instant.now()));
        });
    }

    /** K with three decimals and its unit; "–" when unknown. */
    static String bitsPerSequence(double bits) {
        return Double.isFinite(bits) ? String.format(Locale.ROOT, "%.3f bits/seq", bits) : "\u2013";
    }

    // ------------------------------------------------------------------------------------------------------------
    // Properties

    public BinomialTrainingService service() {
        return service;
    }

    public StringProperty stepsProperty() {
        return steps;
    }

    public StringProperty networkProperty() {
        return network;
    }

    public StringProperty bumpsProperty() {
        return bumps;
    }

    public ObjectProperty<Parameterisation> parameterisationProperty() {
        return parameterisation;
    }

    public ObservableStringValue stepsError() {
        return stepsError;
    }

    public ObservableStringValue networkError() {
        return networkError;
    }

    public ObservableStringValue bumpsError() {
        return bumpsError;
    }
}
