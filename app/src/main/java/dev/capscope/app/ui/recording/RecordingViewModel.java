package dev.capscope.app.ui.recording;

import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.app.ui.task.TaskRunner;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.timeline.Moment;
import dev.capscope.core.timeline.Recording;
import dev.capscope.core.timeline.RecordingCursor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The timeline scrubber's state: an open recording, the task followed, the position among that
 * task's moments, where the selected cap appeared and vanished, and a marked moment to diff against.
 * Moving the position never blocks the UI thread: the moment is replayed and its tree frame built on
 * the worker, and while one is being built only the newest position asked for waits (older ones are
 * dropped), so dragging through 1,000 moments costs the UI thread a property change per step.
 */
public final class RecordingViewModel {
    private final TaskRunner runner;
    private final Function<CapSpace, dev.capscope.app.ui.tree.CapTreeViewModel.Frame> prepare;
    private final Consumer<MomentView> display;
    private final BiConsumer<Snapshot, Snapshot> diff;
    private final ObjectProperty<Recording> recording = new SimpleObjectProperty<>();
    private final ObservableList<String> tasks = FXCollections.observableArrayList();
    private final StringProperty task = new SimpleStringProperty();
    private final ObservableList<Integer> taskMoments = FXCollections.observableArrayList();
    private final IntegerProperty position = new SimpleIntegerProperty(-1);
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty marksText = new SimpleStringProperty("");
    private final ObservableList<ScrubberMark> marks = FXCollections.observableArrayList();
    /** Asks for marks are numbered, so the answer to an older selection never replaces a newer one. */
    private long marksAsked;
    private final BooleanProperty open = new SimpleBooleanProperty(false);
    private final IntegerProperty marked = new SimpleIntegerProperty(-1);
    private RecordingCursor cursor;
    private boolean building;
    private int pending = -1;
    private int shownMoment = -1;
    private long displayed;
    private long displayNanos;

    /**
     * @param prepare builds a tree frame for a space (called on the worker)
     * @param display puts a prepared moment on screen (UI thread)
     * @param diff    opens the diff view for two moments as snapshots
     */
    public RecordingViewModel(TaskRunner runner, Function<CapSpace, dev.capscope.app.ui.tree.CapTreeViewModel.Frame> prepare,
                              Consumer<MomentView> display, BiConsumer<Snapshot, Snapshot> diff) {
        this.runner = runner;
        this.prepare = prepare;
        this.display = display;
        this.diff = diff;
        task.addListener((o, a, b) -> followTask(b));
        position.addListener((o, a, b) -> request(b.intValue()));
    }

    /** Reads a recording on the worker, then follows its first task from its first moment. */
    public void open(Path file, Consumer<Throwable> failed) {
        BackgroundTask.wrap("open recording", () -> Recording.read(file))
                .onSuccess(this::show)
                .onFailure(failed)
                .executeWith(runner);
    }

    public void show(Recording r) {
        cursor = new RecordingCursor(r); // used on the worker only, one task at a time
        recording.set(r);
        open.set(true);
        marked.set(-1);
        tasks.setAll(r.tasks());
        task.set(null);
        task.set(tasks.isEmpty() ? null : tasks.get(0));
    }

    private void followTask(String t) {
        Recording r = recording.get();
        position.set(-1);
        marks.clear();
        marksText.set("");
        if (r == null || t == null) {
            taskMoments.clear();
            return;
        }
        taskMoments.setAll(r.moments().stream().filter(m -> m.task().equals(t) && m.delta() != null)
                .map(Moment::index).toList());
        position.set(taskMoments.isEmpty() ? -1 : 0);
    }

    /** Coalesces: one build at a time, then the newest position asked for meanwhile. */
    private void request(int pos) {
        if (pos < 0 || pos >= taskMoments.size()) {
            return;
        }
        int moment = taskMoments.get(pos);
        if (building) {
            pending = moment;
            return;
        }
        build(moment);
    }

    private void build(int moment) {
        building = true;
        RecordingCursor c = cursor;
        Recording r = recording.get();
        String where = "moment " + (taskMoments.indexOf(moment) + 1) + " of " + taskMoments.size(); // UI thread
        BackgroundTask.wrap("replay moment", () -> {
                    CapSpace space = c.spaceAt(moment);
                    Moment m = r.moments().get(moment);
                    String t = where + " · " + m.task() + " · generation " + m.generation() + " · " + m.time() + " · "
                            + (m.full() ? "full walk" : m.summary());
                    return new MomentView(m, prepare.apply(space), t);
                })
                .onSuccess(v -> {
                    long start = System.nanoTime();
                    shownMoment = v.moment().index();
                    text.set(v.text());
                    displayed++;
                    display.accept(v);
                    displayNanos += System.nanoTime() - start;
                })
                .onFailure(e -> text.set("Cannot replay this moment: " + e.getMessage()))
                .onFinished(() -> {
                    building = false;
                    if (pending >= 0) {
                        int next = pending;
                        pending = -1;
                        build(next);
                    }
                })
                .executeWith(runner);
    }

    /** Where the cap at a selector of the followed task appeared and vanished (computed on the worker). */
    public void followSelector(int selector) {
        Recording r = recording.get();
        String t = task.get();
        long asked = ++marksAsked;
        if (r == null || t == null || selector < 0) {
            marksText.set("");
            marks.clear();
            return;
        }
        RecordingCursor cursor = new RecordingCursor(r);
        List<Integer> positions = List.copyOf(taskMoments);
        BackgroundTask.wrap("cap marks", () -> ScrubberMark.of(r, positions, selector, cursor.marks(t, selector)))
                .onSuccess(list -> {
                    if (asked == marksAsked && r == recording.get() && t.equals(task.get())) {
                        marks.setAll(list);
                        marksText.set(describe(list));
                    }
                })
                .executeWith(runner);
    }

    /** Moves to the next place the selected cap appeared or vanished after the shown position, if any. */
    public void nextMark() {
        int at = position.get();
        marks.stream().filter(m -> m.position() > at).findFirst().ifPresent(m -> position.set(m.position()));
    }

    /** Moves to the last place the selected cap appeared or vanished before the shown position, if any. */
    public void previousMark() {
        int at = position.get();
        ScrubberMark found = null;
        for (ScrubberMark m : marks) {
            if (m.position() < at) found = m;
        }
        if (found != null) position.set(found.position());
    }

    private static String describe(List<ScrubberMark> marks) {
        if (marks.isEmpty()) {
            return "this selector holds no cap in the recording";
        }
        StringBuilder b = new StringBuilder();
        for (ScrubberMark m : marks) {
            if (b.length() > 0) b.append(", ");
            b.append(m.appeared() ? "appeared at " : "vanished at ").append(m.position() + 1);
        }
        return b.append(" (Alt+Left / Alt+Right: previous / next change)").toString();
    }

    /** Marks the shown moment as the baseline of a diff. */
    public void mark() {
        marked.set(shownMoment);
    }

    /** Opens the diff view: the marked moment against the shown one (as snapshots). */
    public void diffWithMarked() {
        Recording r = recording.get();
        int a = marked.get();
        int b = shownMoment;
        if (r == null || a < 0 || b < 0) {
            return;
        }
        BackgroundTask.wrap("diff moments", () -> new Snapshot[]{r.snapshot(r.moments().get(a), "capscope"),
                        r.snapshot(r.moments().get(b), "capscope")})
                .onSuccess(s -> diff.accept(s[0], s[1]))
                .executeWith(runner);
    }

    public ObjectProperty<Recording> recordingProperty() { return recording; }
    public ObservableList<String> tasks() { return tasks; }
    public StringProperty taskProperty() { return task; }
    public ObservableList<Integer> taskMoments() { return taskMoments; }
    public IntegerProperty positionProperty() { return position; }
    public StringProperty textProperty() { return text; }
    public StringProperty marksTextProperty() { return marksText; }
    /** Where the selected cap appeared and vanished, as positions on the slider. */
    public ObservableList<ScrubberMark> marks() { return marks; }
    public BooleanProperty openProperty() { return open; }
    public IntegerProperty markedProperty() { return marked; }
    /** How many moments reached the screen (the scrubber benchmark counts them). */
    public long displayedCount() { return displayed; }
    /** UI-thread time spent putting replayed moments on screen, in total (the benchmark reads it). */
    public long displayNanos() { return displayNanos; }
    /** The moment on screen (its index in the recording), or -1. */
    public int shownMoment() { return shownMoment; }
}
