package dev.capscope.app.cli;

import dev.capscope.core.text.TerminalText;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** JSON output of the command line: sorted keys and indentation, so scripts and git diffs get stable text. */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .findAndAddModules()
            .build();

    private Json() {
    }

    static void print(PrintWriter out, Object value) {
        try {
            out.println(TerminalText.json(MAPPER.writeValueAsString(value)));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("cannot render JSON output: " + e.getOriginalMessage(), e);
        }
    }
}
