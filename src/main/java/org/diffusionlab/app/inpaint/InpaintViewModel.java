package org.diffusionlab.app.inpaint;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import org.diffusionlab.app.ui.Playback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Inpaint pane's state, on the JavaFX thread: the model, the image, the mask (with undo), the mode (fill or
 * denoise), the seed and the number of fills, and the newest result with the step t shown. All computing (loading,
 * sampling, filling) runs on one worker thread: image loads as plain tasks, fills through {@link FillService}.
 */
public final class InpaintViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(InpaintViewModel.class);

    /** The shipped models the pane offers, in menu order. */
    public static final List<String> MODELS = List.of("digits", "texture", "deadleaves");

    /** The tools that paint the mask. */
    public enum Tool {
        BRUSH("Brush"), ERASER("Eraser"), RECTANGLE("Rectangle");

        private final String label;

        Tool(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static final int MIN_BRUSH = 1;
    public static final int MAX_BRUSH = 12;
    /** Noise levels offered for denoising, grey levels (the image spans 0..1). */
    public static final double MIN_SIGMA = 0.02;
    public static final double MAX_SIGMA = 1.0;
    /** A replay takes about this long, whatever the number of steps (but moves at least REPLAY_MIN_SPEED steps/s). */
    static final double REPLAY_SECONDS = 4;
    static final double REPLAY_MIN_SPEED = 10;

    /** How many fills the background warm-up of a freshly loaded model runs (a fresh JVM's first two are slow). */
    static final int WARM_UP_FILLS = 2;

    private final InpaintEngine engine;
    private final ExecutorService worker;
    private final FillService fills;

    private final ObjectProperty<String> model = new SimpleObjectProperty<>(this, "model", MODELS.get(0));
    private final ReadOnlyObjectWrapper<InpaintEngine.Scale> scale = new ReadOnlyObjectWrapper<>(this, "scale");
    private final ReadOnlyObjectWrapper<SourceImage> image = new ReadOnlyObjectWrapper<>(this, "image");
    private Mask mask = new Mask(28);
    private final ReadOnlyIntegerWrapper maskRevision = new ReadOnlyIntegerWrapper(this, "maskRevision");
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(this, "tool", Tool.BRUSH);
    private final IntegerProperty brushSize = new SimpleIntegerProperty(this, "brushSize", 3);
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.FILL);
    private final DoubleProperty sigma = new SimpleDoubleProperty(this, "sigma", 0.3);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 1);
    private final BooleanProperty fourFills = new SimpleBooleanProperty(this, "fourFills", false);
    private final ReadOnlyObjectWrapper<FillResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<FillService.Live> live = new ReadOnlyObjectWrapper<>(this, "live");
    private final IntegerProperty t = new SimpleIntegerProperty(this, "t", 0);
    private final IntegerProperty selectedFill = new SimpleIntegerProperty(this, "selectedFill", 0);
    /** Replays the shown run from t = T (noise) down to t = 0 (the result); its t is the pane's t. */
    private final Playback replay = new Playback(REPLAY_MIN_SPEED, Playback.Pacing.CATCH_UP, this::canReplay);
    private final javafx.beans.binding.BooleanBinding replayable;
    private final SimpleBooleanProperty loading = new SimpleBooleanProperty(this, "loading", false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanProperty running;

    private Consumer<String> errorSink = m -> LOG.warn("{}", m);
    private final Random picks = new Random();
    private boolean activated;
    private volatile boolean disposed;
    /** Grey noise shown in place of the masked pixels (the model's prior at t = T, in grey levels). */
    private float[] maskNoise;
    /** Unit Gaussian noise for denoising, scaled by sigma (fixed per seed so the slider only rescales it). */
    private float[] unitNoise;
    private long unitNoiseSeed = Long.MIN_VALUE;
    /** The step t the newest run had reached when Cancel was pressed (-1: none). */
    private int cancelledAt = -1;
    private volatile int workerTAtCancel = -1;
    private boolean cancelRequested;
    /** Counts the work asked of the worker (written on the JavaFX thread only); a warm-up stops when it changes. */
    private volatile int requests;
    /** The models whose warm-up ran to the end. */
    private final Set<String> warmedUp = ConcurrentHashMap.newKeySet();

    public InpaintViewModel(InpaintEngine engine, ExecutorService worker) {
        this.engine = Objects.requireNonNull(engine);
        this.worker = Objects.requireNonNull(worker);
        this.fills = new FillService(engine, worker);
        this.running = fills.runningProperty();
        attach(mask);
        replay.tProperty().bindBidirectional(t);
        replay.forwardProperty().set(false);        // noise to result
        replay.loopProperty().set(false);
        replayable = javafx.beans.binding.Bindings.createBooleanBinding(this::canReplay, result, mode, running);
        replayable.addListener((o, was, can) -> {
            if (!can) {
                replay.pause();
            }
        });
        fills.valueProperty().addListener((o, a, v) -> {
            if (v instanceof FillService.Live l && fills.getState() == Worker.State.RUNNING) {
                live.set(l);
                replay.setSteps(l.steps());
                t.set(l.t());
            }
        });
        fills.setOnSucceeded(e -> finished((FillService.Done) fills.getValue()));
        fills.setOnCancelled(e -> {
            // restart() also marks a finished previous task cancelled: only a cancel asked for counts
            if (!cancelRequested) {
                return;
            }
            cancelRequested = false;
            live.set(null);
            FillResult r = result.get();
            if (r != null) {
                t.set(0);
            }
            status.set("Cancelled" + (cancelledAt >= 0 ? " at t = " + cancelledAt : "")
                    + (r == null ? "." : "; the previous result is shown."));
        });
        fills.setOnFailed(e -> {
            live.set(null);
            Throwable x = fills.getException();
            LOG.warn("Fill failed", x);
            String message = "The run failed: " + message(x);
            status.set(message);
            errorSink.accept(message);
        });
        model.addListener((o, a, name) -> modelChanged());
        mode.addListener((o, a, b) -> invalidateView());
        sigma.addListener((o, a, b) -> invalidateView());
        seed.addListener((o, a, b) -> invalidateView());
    }

    private void attach(Mask m) {
        m.addListener(() -> maskRevision.set(maskRevision.get() + 1));
    }

    /** Where errors the user must see go (the window's error dialog). */
    public void setErrorSink(Consumer<String> sink) {
        this.errorSink = Objects.requireNonNull(sink);
    }

    /** Loads the first model and a random image the first time the pane shows (not at start-up). */
    public void activate() {
        if (!activated) {
            activated = true;
            modelChanged();
        }
    }

    public boolean isActivated() {
        return activated;
    }

    // --------------------------------------------------------------------------------------------------------------
    // Properties

    public ObjectProperty<String> modelProperty() {
        return model;
    }

    public ReadOnlyObjectProperty<InpaintEngine.Scale> scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SourceImage> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public Mask mask() {
        return mask;
    }

    /** Counts every change of the mask (including a new mask for a model of another size). */
    public ReadOnlyIntegerProperty maskRevisionProperty() {
        return maskRevision.getReadOnlyProperty();
    }

    public ObjectProperty<Tool> toolProperty() {
        return tool;
    }

    public IntegerProperty brushSizeProperty() {
        return brushSize;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** The denoising noise level, grey levels. */
    public DoubleProperty sigmaProperty() {
        return sigma;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public BooleanProperty fourFillsProperty() {
        return fourFills;
    }

    /** The newest finished run (kept when a later run is cancelled or fails). */
    public ReadOnlyObjectProperty<FillResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The newest step of the run in progress, or null. */
    public ReadOnlyObjectProperty<FillService.Live> liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** The step shown, 0..T (follows the run while one goes on). */
    public IntegerProperty tProperty() {
        return t;
    }

    public IntegerProperty selectedFillProperty() {
        return selectedFill;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return fills.progressProperty();
    }

    /** True while an image or a model is being loaded. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The lowest t the newest run reached (for tests). */
    public int lastStepReached() {
        return fills.lastT();
    }

    /** The lowest t the worker had produced when Cancel was pressed (for tests), or -1. */
    public int workerTAtCancel() {
        return workerTAtCancel;
    }

    /** The t the newest run had reached when it was cancelled, or -1. */
    public int cancelledAt() {
        return cancelledAt;
    }

    public int steps() {
        InpaintEngine.Scale s = scale.get();
        return s == null ? 0 : s.steps();
    }

    // --------------------------------------------------------------------------------------------------------------
    // Images

    /** A random held-out image of the model's data set. */
    public void randomImage() {
        pickImage(picks.nextLong());
    }

    /** The held-out image that {@code pick} chooses (the same pick, the same image). */
    public void pickImage(long pick) {
        String name = model.get();
        load("Drawing a random image\u2026", () -> engine.randomImage(name, pick), img -> setImage(img, true));
    }

    /** A sample of the model, with the pane's seed, as the image to fill. */
    public void modelSample() {
        String name = model.get();
        long s = seed.get();
        load("Sampling the model (all " + steps() + " steps)\u2026", () -> engine.sample(name, s, () -> disposed),
                img -> setImage(img, true));
    }

    /**
     * Opens a user's image file (converted to grey, its central square resized to the model's size). A file that
     * cannot be read says why; the image, the mask and its undo history stay as they were.
     */
    public void open(Path file) {
        int size = mask.size();
        load("Reading " + file.getFileName() + "\u2026", () -> InpaintEngine.open(file, size), img -> setImage(img, false));
    }

    /** Sets the image directly (tests, screenshots). */
    public void setImage(SourceImage img) {
        setImage(img, false);
    }

    private void setImage(SourceImage img, boolean quiet) {
        if (img.size() != mask.size()) {
            throw new IllegalArgumentException("The image is " + img.size() + " pixels wide, the model " + mask.size());
        }
        image.set(img);
        status.set("Image: " + img.title() + (img.crop() != null && img.crop().cropped()
                ? String.format(Locale.ROOT, " (its central %d \u00d7 %d square, resized to %d \u00d7 %d)",
                        img.crop().side(), img.crop().side(), img.size(), img.size()) : "")
                + (quiet ? "" : "."));
        invalidateView();
    }

    private <T> void load(String message, Callable<T> work, Consumer<T> done) {
        if (disposed) {
            return;
        }
        requests++;
        loading.set(true);
        status.set(message);
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> {
            loading.set(false);
            if (!disposed) {
                done.accept(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            loading.set(false);
            Throwable x = task.getException();
            if (x instanceof CancellationException) {
                return;
            }
            String why = message(x);
            status.set("Nothing changed: " + why);
            errorSink.accept(why);
        });
        worker.execute(task);
    }

    private void modelChanged() {
        if (!activated) {
            return;
        }
        cancel();
        result.set(null);
        live.set(null);
        t.set(0);
        String name = model.get();
        SourceImage keep = image.get();
        load("Loading the " + InpaintEngine.describe(name) + " model\u2026", () -> {
            InpaintEngine.Scale s = engine.scale(name);
            // a user's file stays (if it fits); an image of the previous model's data set is replaced
            SourceImage img = keep != null && keep.crop() != null && keep.size() == s.size() ? null
                    : engine.randomImage(name, picks.nextLong());
            return new Object[] {s, img};
        }, pair -> {
            InpaintEngine.Scale s = (InpaintEngine.Scale) pair[0];
            if (!name.equals(model.get())) {
                return;     // another model was chosen meanwhile; its load follows
            }
            scale.set(s);
            warmUp(name);
            if (s.size() != mask.size()) {
                mask = new Mask(s.size());
                attach(mask);
                maskRevision.set(maskRevision.get() + 1);
            }
            maskNoise = null;
            if (pair[1] != null) {
                setImage((SourceImage) pair[1], true);
            } else {
                invalidateView();
            }
        });
    }

    // --------------------------------------------------------------------------------------------------------------
    // Running

    /** Starts a fill (or denoising) of the current image; an empty mask says there is nothing to fill. */
    public void run() {
        SourceImage img = image.get();
        InpaintEngine.Scale s = scale.get();
        if (img == null || s == null) {
            status.set("Choose an image first.");
            return;
        }
        Mode m = mode.get();
        if (m == Mode.FILL && mask.isEmpty()) {
            status.set("The mask is empty: there is nothing to fill. Paint the pixels to fill, or choose a preset.");
            return;
        }
        int n = fourFills.get() ? 4 : 1;
        selectedFill.set(Math.min(selectedFill.get(), n - 1));
        float[] observed = m == Mode.FILL ? img.pixels() : noisy();
        FillJob job = new FillJob(model.get(), m, img, mask.toArray(), observed, input(), sigma.get(), seed.get(), n);
        cancelledAt = -1;
        workerTAtCancel = -1;
        cancelRequested = false;
        requests++;
        status.set((m == Mode.FILL ? String.format(Locale.ROOT, "Filling %d pixels", job.maskedCount())
                : String.format(Locale.ROOT, "Denoising (noise %.2f grey levels)", sigma.get()))
                + (n > 1 ? ", " + n + " fills" : "") + "\u2026");
        fills.run(job);
    }

    /**
     * Queues a warm-up of the model's sampler behind the model's load on the worker: it runs while the student looks
     * at the pane and stops before its next step once anything else is asked of the worker, so it never delays a fill.
     */
    private void warmUp(String name) {
        if (warmedUp.contains(name) || disposed) {
            return;         // a model that loaded as the window closed is not warmed up: the worker has stopped
        }
        int asked = requests;
        worker.execute(() -> {
            try {
                if (engine.warmUp(name, WARM_UP_FILLS, () -> disposed || requests != asked) == WARM_UP_FILLS) {
                    warmedUp.add(name);
                }
            } catch (Exception | LinkageError e) {
                LOG.debug("Warm-up of the {} model stopped", name, e);     // the student's own runs report errors
            }
        });
    }

    /** Whether the model's sampler has been warmed up in the background (for tests). */
    public boolean isWarmedUp(String name) {
        return warmedUp.contains(name);
    }

    /** Stops the run in progress before its next step; the previous result stays. */
    public void cancel() {
        if (fills.isRunning()) {
            FillService.Live l = live.get();
            cancelledAt = l == null ? steps() : l.t();
            workerTAtCancel = fills.lastT();
            cancelRequested = true;
            fills.cancel();
        }
    }

    private void finished(FillService.Done done) {
        FillResult r = done.result();
        live.set(null);
        replay.setSteps(r.steps());
        replay.speedProperty().set(Math.max(REPLAY_MIN_SPEED, r.steps() / REPLAY_SECONDS));
        result.set(r);
        t.set(0);
        FillJob j = r.job();
        status.set(String.format(Locale.ROOT, "%s %s in %.2f s (%d reverse steps%s). Press Play or drag the t slider "
                + "to replay it.",
                j.mode() == Mode.FILL ? "Filled" : "Denoised",
                j.mode() == Mode.FILL ? j.maskedCount() + " pixels" : "the image",
                r.seconds(), r.steps(), r.fills() > 1 ? ", " + r.fills() + " fills at once" : ""));
    }

    /** Draws a new seed (and runs again if a result is shown). */
    public void newSeed() {
        seed.set(Math.floorMod(picks.nextLong(), 1_000_000L));
    }

    // --------------------------------------------------------------------------------------------------------------
    // What the views show

    private final ReadOnlyIntegerWrapper viewRevision = new ReadOnlyIntegerWrapper(this, "viewRevision");

    /** Changes whenever what the views show may have changed for a reason other than the properties above. */
    public ReadOnlyIntegerProperty viewRevisionProperty() {
        return viewRevision.getReadOnlyProperty();
    }

    private void invalidateView() {
        viewRevision.set(viewRevision.get() + 1);
    }

    /** Whether the newest result belongs to the image, mode and mask (or noise level) now set. */
    public boolean resultIsCurrent() {
        FillResult r = result.get();
        if (r == null) {
            return false;
        }
        FillJob j = r.job();
        if (j.image() != image.get() || j.mode() != mode.get()) {
            return false;
        }
        return j.mode() == Mode.FILL ? Arrays.equals(j.mask(), mask.toArray())
                : j.sigma() == sigma.get() && j.seed() == seed.get();
    }

    /** The grey noise shown in place of masked pixels. */
    public float[] maskNoise() {
        InpaintEngine.Scale s = scale.get();
        int p = mask.size() * mask.size();
        if (maskNoise == null || maskNoise.length != p) {
            Random r = new Random(0x1A7E5L);
            double mean = s == null ? 0.5 : s.mean();
            double std = s == null ? 0.3 : s.std();
            maskNoise = new float[p];
            for (int i = 0; i < p; i++) {
                maskNoise[i] = (float) Math.max(0, Math.min(1, mean + std * r.nextGaussian()));
            }
        }
        return maskNoise;
    }

    /** The image with its masked pixels replaced by noise (what the fill starts from), or null without an image. */
    public float[] maskedImage() {
        SourceImage img = image.get();
        if (img == null) {
            return null;
        }
        float[] px = img.pixels();
        float[] noise = maskNoise();
        for (int i = 0; i < px.length; i++) {
            if (mask.get(i % mask.size(), i / mask.size())) {
                px[i] = noise[i];
            }
        }
        return px;
    }

    /** The image plus Gaussian noise of the chosen level (seeded by the pane's seed), or null without an image. */
    public float[] noisy() {
        SourceImage img = image.get();
        if (img == null) {
            return null;
        }
        int p = img.size() * img.size();
        if (unitNoise == null || unitNoise.length != p || unitNoiseSeed != seed.get()) {
            Random r = new Random(seed.get() ^ 0x4015EL);
            unitNoise = new float[p];
            for (int i = 0; i < p; i++) {
                unitNoise[i] = (float) r.nextGaussian();
            }
            unitNoiseSeed = seed.get();
        }
        float[] px = img.pixels();
        double sd = sigma.get();
        for (int i = 0; i < p; i++) {
            px[i] += (float) (sd * unitNoise[i]);
        }
        return px;
    }

    /** What the model is given: the masked image (fill) or the noisy one (denoise). */
    public float[] input() {
        return mode.get() == Mode.FILL ? maskedImage() : noisy();
    }

    /**
     * The newest result if it was made in the mode now chosen, else null: a fill's masked and filled pictures are not
     * shown as a denoising's, nor the reverse.
     */
    public FillResult shownResult() {
        FillResult r = result.get();
        return r != null && r.job().mode() == mode.get() ? r : null;
    }

    private boolean canReplay() {
        return shownResult() != null && !running.get();
    }

    /** Whether there is a run to replay now (a result of this mode, and no run under way). */
    public javafx.beans.binding.BooleanBinding replayableProperty() {
        return replayable;
    }

    /** Plays the shown run from t = T (noise) to t = 0 (the result), pauses it, and says whether it plays. */
    public Playback replay() {
        return replay;
    }

    /** The fill shown at step t: live while running, else the newest result's of this mode; null if there is none. */
    public float[] shownFill() {
        FillService.Live l = live.get();
        int k = selectedFill.get();
        if (l != null) {
            return l.images()[Math.min(k, l.images().length - 1)];
        }
        FillResult r = shownResult();
        if (r == null) {
            return null;
        }
        int step = Math.max(0, Math.min(r.steps(), t.get()));
        return r.image(step, Math.min(k, r.fills() - 1));
    }

    /** |shown fill - original| per pixel, or null. */
    public float[] difference() {
        float[] f = shownFill();
        FillResult r = shownResult();
        SourceImage img = live.get() != null || r == null ? image.get() : r.job().image();
        if (f == null || img == null || f.length != img.size() * img.size()) {
            return null;
        }
        float[] d = new float[f.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(f[i] - img.pixel(i));
        }
        return d;
    }

    /** The innermost message of an error, in words. */
    static String message(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && (root.getMessage() == null || root instanceof java.util.concurrent.ExecutionException)) {
            root = root.getCause();
        }
        String m = root.getMessage();
        if (root instanceof java.nio.file.NoSuchFileException) {
            return "Cannot open " + m + ": no such file";
        }
        return (m == null || m.isBlank()) ? root.getClass().getSimpleName() : m;
    }

    /** Stops the worker's use by this pane (the window closed). */
    public void shutdown() {
        disposed = true;
        cancel();
    }
}
