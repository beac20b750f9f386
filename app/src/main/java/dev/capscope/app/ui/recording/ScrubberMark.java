package dev.capscope.app.ui.recording;

import dev.capscope.core.model.Selectors;
import dev.capscope.core.timeline.Moment;
import dev.capscope.core.timeline.Recording;
import dev.capscope.core.timeline.RecordingCursor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mark on the scrubber: the selected cap appeared (or vanished) at this position among the followed
 * task's moments, with the sentence its tooltip shows.
 *
 * @param position index among the task's moments (the slider's value)
 * @param moment   index among the recording's moments
 */
public record ScrubberMark(int position, int moment, boolean appeared, String text) {
    /** The cursor's marks placed on the slider of a task whose moments are {@code positions} (worker thread). */
    static List<ScrubberMark> of(Recording r, List<Integer> positions, int selector, List<RecordingCursor.Mark> found) {
        Map<Integer, Integer> at = new HashMap<>();
        for (int i = 0; i < positions.size(); i++) {
            at.put(positions.get(i), i);
        }
        List<ScrubberMark> out = new ArrayList<>();
        for (RecordingCursor.Mark m : found) {
            Integer pos = at.get(m.momentIndex());
            if (pos == null) {
                continue; // the task went away there: no slider position of its own
            }
            Moment moment = r.moments().get(m.momentIndex());
            out.add(new ScrubberMark(pos, m.momentIndex(), m.appeared(), Selectors.format(selector)
                    + (m.appeared() ? " appeared" : " vanished") + " at moment " + (pos + 1) + " of " + positions.size()
                    + " (generation " + moment.generation() + ", " + moment.time() + ")"));
        }
        return out;
    }
}
