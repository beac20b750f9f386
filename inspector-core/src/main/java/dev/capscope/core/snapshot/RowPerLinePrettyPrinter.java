package dev.capscope.core.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;

import java.io.IOException;

/**
 * Indents the outer levels of a snapshot and keeps each row (a slot, an object, a cap-map entry)
 * on one line, so that a change to one slot is a one-line change in {@code git diff}.
 */
final class RowPerLinePrettyPrinter implements PrettyPrinter {
    /** Containers at this depth or above are spread over lines; deeper ones are rows. */
    private static final int EXPANDED_DEPTH = 2;

    private int depth;

    private boolean expanded() {
        return depth <= EXPANDED_DEPTH;
    }

    private void newline(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
        for (int i = 0; i < depth; i++) {
            g.writeRaw("  ");
        }
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        g.writeRaw('{');
        depth++;
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        boolean wasExpanded = expanded();
        depth--;
        if (wasExpanded && entries > 0) {
            newline(g);
        }
        g.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        if (expanded()) {
            newline(g);
        } else {
            g.writeRaw(' ');
        }
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        g.writeRaw('[');
        depth++;
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        boolean wasExpanded = expanded();
        depth--;
        if (wasExpanded && values > 0) {
            newline(g);
        }
        g.writeRaw(']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        if (expanded()) {
            newline(g);
        } else {
            g.writeRaw(' ');
        }
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        if (expanded()) {
            newline(g);
        }
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        if (expanded()) {
            newline(g);
        }
    }
}
