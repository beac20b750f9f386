package dev.capscope.app.cli;

import dev.capscope.core.json.SortedJson;
import dev.capscope.core.text.TerminalText;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** JSON output of the command line ({@link SortedJson}: sorted keys and indentation). */
final class Json {
    private Json() {
    }

    static void print(PrintWriter out, Object value) {
        try {
            out.println(TerminalText.json(SortedJson.write(value)));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("cannot render JSON output: " + e.getOriginalMessage(), e);
        }
    }
}
