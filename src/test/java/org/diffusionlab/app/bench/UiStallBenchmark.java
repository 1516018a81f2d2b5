package org.diffusionlab.app.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.animation.Animation;
import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.testutil.AppScreenshots;
import org.diffusionlab.engine.train.Snapshot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * How long the UI thread stalls while the default run trains at full speed: the real main window (headless Monocle),
 * training started with its Start button, an {@link AnimationTimer} recording the gap between consecutive pulses
 * and a 1 ms {@link Timeline} heartbeat, for about 30 s of training (after 10 s of the same window idle, as a control:
 * stalls there come from the machine). Prints the figures; asserts only that training
 * advanced (the times depend on the machine). While a pulse is late, a sampler records what the UI thread is doing,
 * and the most frequent places are printed too.
 *
 * <p>Not part of the normal test run (tag "bench"); run it with
 * {@code mvn -o test -Dgroups=bench -DexcludedGroups=none -Dtest=UiStallBenchmark}
 * (-Dbench.seconds=N trains for N seconds instead of 30, -Dbench.idleSeconds=N sets the control, 0 skips it).
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class UiStallBenchmark {

    private static final long STALL_SAMPLE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private final AppScreenshots app = new AppScreenshots();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = app.start(stage);
        window.setCloseQuestion(q -> MainWindow.CloseChoice.DONT_SAVE);
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void longestUiStallWhileTraining(FxRobot robot) throws Exception {
        long seconds = Long.getLong("bench.seconds", 30);
        Button start = AppScreenshots.startWhenReady(robot);

        AtomicReference<Thread> fxThread = new AtomicReference<>();
        robot.interact(() -> fxThread.set(Thread.currentThread()));

        // Control: the same window, not training. Stalls here come from the machine, not from the app.
        long idleSeconds = Long.getLong("bench.idleSeconds", 10);
        System.out.println();
        if (idleSeconds > 0) {
            Window idle = Window.measure(robot, fxThread.get(), idleSeconds);
            System.out.println("=== UiStallBenchmark, control: the window idle for "
                    + String.format(Locale.ROOT, "%.1f", idle.wall) + " s, not training ===");
            idle.print();
        }

        robot.clickOn(start);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> iteration() > 0);
        // measure from here: the first snapshot has arrived, training runs at full speed
        Snapshot first = snapshotNow();
        Window training = Window.measure(robot, fxThread.get(), seconds);
        Snapshot last = snapshotNow();
        String shownSpeed = speedText();
        robot.clickOn("#pause");

        long iterations = last.iteration() - first.iteration();
        double trainingSeconds = last.seconds() - first.seconds();
        System.out.println("=== UiStallBenchmark: the default run training, " + String.format(Locale.ROOT, "%.1f",
                training.wall) + " s, " + Runtime.getRuntime().availableProcessors() + " cores ===");
        training.print();
        System.out.printf(Locale.ROOT, "Training: %,d iterations in %.1f s wall = %.0f it/s (%.0f it/s of training "
                        + "time); iteration %,d at the end; the pane showed %s%n", iterations, training.wall,
                iterations / training.wall, trainingSeconds > 0 ? iterations / trainingSeconds : 0, last.iteration(),
                shownSpeed);
        System.out.println();

        assertTrue(iterations > 0, "training did not advance");
    }

    /** One measurement: pulse and heartbeat gaps, UI and renderer CPU time, and where the stalls were. */
    private static final class Window {
        final Recorder pulses = new Recorder();
        final Recorder heartbeat = new Recorder();
        StallSampler sampler;
        double wall;
        double fxCpuMs;
        double renderCpuMs;
        long gcCount;
        long gcMs;
        final Map<String, Double> otherCpuMs = new java.util.TreeMap<>();
        final Map<String, Double> allocatedMb = new HashMap<>();

        static Window measure(FxRobot robot, Thread fx, long seconds) throws InterruptedException {
            Window w = new Window();
            AnimationTimer timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    w.pulses.tick(System.nanoTime());
                }
            };
            Timeline beat = new Timeline(new KeyFrame(Duration.millis(1), e -> w.heartbeat.tick(System.nanoTime())));
            beat.setCycleCount(Animation.INDEFINITE);
            w.sampler = new StallSampler(fx, w.pulses);
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            Thread renderer = w.sampler.renderer();
            long fxCpu = cpu.getThreadCpuTime(fx.getId());
            long renderCpu = renderer == null ? 0 : cpu.getThreadCpuTime(renderer.getId());
            long[] gc = gc();
            Map<Thread, Long> others = new HashMap<>();
            Map<Thread, Long> allocated = new HashMap<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("diffusionlab-")) {
                    others.put(t, cpu.getThreadCpuTime(t.getId()));
                }
                allocated.put(t, allocatedBytes(t));
            }
            long wallStart = System.nanoTime();
            robot.interact(() -> {
                timer.start();
                beat.play();
            });
            w.sampler.start();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            robot.interact(() -> {
                timer.stop();
                beat.stop();
            });
            w.sampler.interrupt();
            w.sampler.join();
            w.wall = (System.nanoTime() - wallStart) / 1e9;
            w.fxCpuMs = (cpu.getThreadCpuTime(fx.getId()) - fxCpu) / 1e6;
            w.renderCpuMs = renderer == null ? Double.NaN : (cpu.getThreadCpuTime(renderer.getId()) - renderCpu) / 1e6;
            long[] gcEnd = gc();
            w.gcCount = gcEnd[0] - gc[0];
            w.gcMs = gcEnd[1] - gc[1];
            others.forEach((t, before) -> w.otherCpuMs.merge(t.getName(),
                    (cpu.getThreadCpuTime(t.getId()) - before) / 1e6, Double::sum));
            allocated.forEach((t, before) -> w.allocatedMb.merge(t.getName().replaceAll("-\\d+$", ""),
                    (allocatedBytes(t) - before) / 1e6, Double::sum));
            return w;
        }

        void print() {
            System.out.println(pulses.summary("Pulses (AnimationTimer)"));
            System.out.println(heartbeat.summary("Heartbeat (1 ms Timeline)"));
            System.out.printf(Locale.ROOT, "CPU: UI thread %.0f ms/s, renderer thread %.0f ms/s%n", fxCpuMs / wall,
                    renderCpuMs / wall);
            StringBuilder b = new StringBuilder();
            otherCpuMs.forEach((name, ms) -> b.append(String.format(Locale.ROOT, ", %s %.0f ms/s", name, ms / wall)));
            System.out.printf(Locale.ROOT, "Other threads%s; GC: %d collections, %d ms in all%n",
                    b.length() == 0 ? ": none" : b.toString(), gcCount, gcMs);
            StringBuilder a = new StringBuilder("Heap allocation by thread (MB/s):");
            allocatedMb.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                    .forEach(e -> a.append(String.format(Locale.ROOT, " %s %.1f;", e.getKey(), e.getValue() / wall)));
            System.out.println(a);
            sampler.print();
        }

        private static long allocatedBytes(Thread t) {
            return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean m
                    ? Math.max(0, m.getThreadAllocatedBytes(t.getId())) : 0;
        }

        /** Collections and their time so far, over every collector. */
        private static long[] gc() {
            long n = 0;
            long ms = 0;
            for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
                n += Math.max(0, g.getCollectionCount());
                ms += Math.max(0, g.getCollectionTime());
            }
            return new long[] {n, ms};
        }
    }

    private long iteration() throws Exception {
        Snapshot s = snapshotNow();
        return s == null ? 0 : s.iteration();
    }

    private Snapshot snapshotNow() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.trainViewModel().snapshotProperty().get()).get();
    }

    private String speedText() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.trainViewModel().speedTextProperty().get()).get();
    }

    /** Gaps between consecutive ticks (FX thread writes, the test reads after stopping). */
    private static final class Recorder {
        private final List<Long> gaps = new ArrayList<>();
        private volatile long last;

        void tick(long now) {
            if (last != 0) {
                gaps.add(now - last);
            }
            last = now;
        }

        String summary(String name) {
            long[] g = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
            if (g.length == 0) {
                return name + ": no ticks";
            }
            long over50 = Arrays.stream(g).filter(x -> x > TimeUnit.MILLISECONDS.toNanos(50)).count();
            return String.format(Locale.ROOT, "%s: %,d ticks, gap median %.1f ms, p99 %.1f ms, longest %.1f ms, "
                            + "%d gaps over 50 ms", name, g.length + 1, ms(quantile(g, 0.5)), ms(quantile(g, 0.99)),
                    ms(g[g.length - 1]), over50);
        }

        private static long quantile(long[] sorted, double q) {
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }

    /**
     * Every 2 ms: if the last pulse is more than 25 ms old, records where the UI thread is (the innermost frame of
     * the app, JFreeChart or JavaFX's scene graph, and the top of the stack).
     */
    private static final class StallSampler extends Thread {
        private final Thread fx;
        private final Recorder pulses;
        private final Map<String, Integer> places = new HashMap<>();
        private int samples;

        StallSampler(Thread fx, Recorder pulses) {
            super("ui-stall-sampler");
            setDaemon(true);
            this.fx = fx;
            this.pulses = pulses;
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
                long last = pulses.last;
                if (last != 0 && System.nanoTime() - last > STALL_SAMPLE_AFTER_NANOS) {
                    StackTraceElement[] stack = fx.getStackTrace();
                    String place = describe(stack);
                    if (idle(stack)) {
                        Thread renderer = renderer();
                        place = "UI thread idle; renderer: "
                                + (renderer == null ? "?" : describe(renderer.getStackTrace()));
                    }
                    samples++;
                    places.merge(place, 1, Integer::sum);
                }
            }
        }

        /** Waiting for work in the event loop: nothing of the scene graph or the app on the stack. */
        private static boolean idle(StackTraceElement[] stack) {
            for (StackTraceElement e : stack) {
                String c = e.getClassName();
                if (c.startsWith("org.diffusionlab.") || c.startsWith("org.jfree.") || c.startsWith("javafx.")
                        || c.startsWith("com.sun.javafx.tk.")) {
                    return false;
                }
            }
            return true;
        }

        private Thread renderer;

        private Thread renderer() {
            if (renderer == null) {
                renderer = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("QuantumRenderer")).findFirst().orElse(null);
            }
            return renderer;
        }

        private static String describe(StackTraceElement[] stack) {
            if (stack.length == 0) {
                return "(no stack)";
            }
            StringBuilder b = new StringBuilder(frame(stack[0]));
            String[] interesting = {"org.diffusionlab.app.", "org.jfree.", "javafx.scene.", "com.sun.javafx.tk.",
                "com.sun.prism.", "com.sun.javafx.sg."};
            for (String prefix : interesting) {
                for (StackTraceElement e : stack) {
                    if (e.getClassName().startsWith(prefix)) {
                        b.append("  <  ").append(frame(e));
                        break;
                    }
                }
            }
            return b.toString();
        }

        private static String frame(StackTraceElement e) {
            String c = e.getClassName();
            return c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName() + ":" + e.getLineNumber();
        }

        void print() {
            System.out.println("UI thread while a pulse was over 25 ms late (" + samples + " samples every 2 ms):");
            places.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %4d  %s%n", e.getValue(), e.getKey()));
        }
    }
}
