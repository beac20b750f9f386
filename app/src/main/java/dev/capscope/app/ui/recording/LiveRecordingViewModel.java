package dev.capscope.app.ui.recording;

import dev.capscope.app.ui.service.DialogService;
import dev.capscope.app.ui.service.TargetConnector;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.app.ui.task.TaskRunner;
import dev.capscope.bridge.AddressSecrets;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.target.Target;
import dev.capscope.core.timeline.Recorder;
import dev.capscope.core.timeline.RecordingFile;
import dev.capscope.core.timeline.RecordingWriter;
import dev.capscope.core.timeline.TimelineRecord;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Records the shown live target from the window: all its tasks or the shown one, into a file the
 * user chose, with the same {@link Recorder} and file format as {@code capscope record}. The
 * recorder runs on a lane of its own over a connection of its own, so neither the window's walks
 * nor the UI thread ever wait for it; the UI thread gets at most one status update in flight.
 */
public final class LiveRecordingViewModel {
    /** What to record: a live target's endpoint, one task or all (task null), with which profile. */
    public record Subject(String endpoint, String task, LayoutProfile profile) {
    }

    /** How often the recorder asks the target for generations (the CLI's default). */
    static final Duration POLL = Duration.ofMillis(20);
    /** The recorder's own lane: it runs until stopped, so it must not hold up the target's or the files' lane. */
    static final String LANE = "recording";

    private static final java.time.format.DateTimeFormatter STAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneId.systemDefault());

    private final TaskRunner ui;
    private final TargetConnector connector;
    private final DialogService dialogs;
    private final Supplier<Optional<Subject>> shown;
    private final Consumer<Path> open;
    private final BooleanProperty recording = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final Map<String, Long> recordedGenerations = new ConcurrentHashMap<>();
    private final AtomicBoolean updatePosted = new AtomicBoolean();
    private volatile Recorder recorder;
    private volatile boolean stopAsked;
    private volatile RecordingWriter writer;
    private volatile int moments;

    /**
     * @param shown       the live target and task on screen, if any
     * @param open        opens a finished recording under the scrubber
     */
    public LiveRecordingViewModel(TaskRunner ui, TargetConnector connector,
                                  DialogService dialogs, Supplier<Optional<Subject>> shown, Consumer<Path> open) {
        this.ui = ui;
        this.connector = connector;
        this.dialogs = dialogs;
        this.shown = shown;
        this.open = open;
    }

    /** Asks where to save, then starts recording every task of the shown target (or only the shown task). */
    public void start(boolean allTasks) {
        if (recording.get()) {
            status.set("Already recording to " + file.get() + "; stop that recording first");
            return;
        }
        Optional<Subject> s = shown.get();
        if (s.isEmpty()) {
            status.set("Record: show a task of a live target first (attach with Ctrl+T)");
            return;
        }
        Subject subject = allTasks ? new Subject(s.get().endpoint(), null, s.get().profile()) : s.get();
        String suggested = (subject.task() == null ? "all-tasks" : subject.task()).replaceAll("[^A-Za-z0-9_.-]+", "_")
                + "-" + STAMP.format(Instant.now()) + ".caprec";
        dialogs.chooseFileToSave("Record to a new file (.caprec)", suggested).ifPresent(f -> begin(subject, f));
    }

    private void begin(Subject subject, Path to) {
        recordedGenerations.clear();
        moments = 0;
        stopAsked = false;
        writer = null;
        file.set(to);
        recording.set(true);
        String what = subject.task() == null ? "all tasks" : subject.task();
        status.set("Recording " + what + " to " + to.getFileName() + ": connecting…");
        BackgroundTask.wrap("record", () -> record(subject, to, what))
                .onSuccess(summary -> status.set(summary))
                .onFailure(e -> {
                    status.set("Recording stopped: " + e.getMessage());
                    dialogs.showError("Cannot record", to + ": " + e.getMessage(),
                            "Check the target is still attached and the file is new, then start again.");
                })
                .onFinished(() -> {
                    recorder = null;
                    recording.set(false);
                })
                .onLane(LANE)
                .executeWith(ui);
    }

    /** On the lane: connect, record until stopped, end the file. Returns the final status line. */
    private String record(Subject subject, Path to, String what) throws Exception {
        try (Target target = connector.connect(subject.endpoint())) {
            TargetInfo info = target.info();
            if (subject.task() != null) {
                target.generation(subject.task()); // a task that is gone fails now, with the target's sentence
            }
            Instant start = Instant.now();
            try (RecordingWriter w = RecordingWriter.create(to, new TimelineRecord.Header(RecordingFile.SCHEMA_VERSION,
                    AddressSecrets.withoutToken(info.endpoint()), info.kernel(), subject.profile().name(), start,
                    "capscope window"))) {
                writer = w;
                Recorder r = new Recorder(target, subject.profile(), subject.task() == null ? null : List.of(subject.task()),
                        w, new Recorder.Listener() {
                            @Override
                            public void recorded(TimelineRecord.Change c) {
                                recordedGenerations.put(c.task(), c.delta().generation());
                                counted(what, to);
                            }

                            @Override
                            public void gone(String task) {
                                recordedGenerations.remove(task);
                                counted(what, to);
                            }
                        }, POLL, Clock.systemUTC());
                recorder = r;
                if (stopAsked) {
                    r.stop(); // Stop came while connecting: one look, then the end record
                }
                r.run(null);
                return "Recorded " + what + ": " + moments + " moments, " + w.bytes() + " bytes in "
                        + Duration.between(start, Instant.now()).toSeconds() + " s to " + to
                        + " (File > Open recording to scrub it)";
            }
        }
    }

    /** Recording thread: count the moment and post one status update unless one is still pending. */
    private void counted(String what, Path to) {
        moments++;
        if (updatePosted.compareAndSet(false, true)) {
            ui.onUiThread(() -> {
                updatePosted.set(false);
                RecordingWriter w = writer;
                if (recording.get() && w != null) {
                    status.set("Recording " + what + " to " + to.getFileName() + ": " + moments + " moments, "
                            + w.bytes() + " bytes");
                }
            });
        }
    }

    /** Stops after one last look at the target; the file then ends cleanly. */
    public void stop() {
        stopAsked = true;
        Recorder r = recorder;
        if (r != null) {
            r.stop();
        }
        if (recording.get()) {
            status.set("Stopping the recording…");
        }
    }

    /** Opens the last recording under the scrubber. */
    public void openLast() {
        if (file.get() != null && !recording.get()) {
            open.accept(file.get());
        }
    }

    /** The generation last written for a task (tests wait on it); null if none. */
    public Long recordedGeneration(String task) {
        return recordedGenerations.get(task);
    }

    public BooleanProperty recordingProperty() { return recording; }
    public StringProperty statusProperty() { return status; }
    public ObjectProperty<Path> fileProperty() { return file; }
}
