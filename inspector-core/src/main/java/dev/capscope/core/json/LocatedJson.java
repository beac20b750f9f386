package dev.capscope.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON into {@link LocatedNode}s with Jackson's streaming parser. Syntax errors (not JSON,
 * truncated, empty) and duplicate keys become {@link JsonShapeException}s with line, column and
 * the path being read.
 */
public final class LocatedJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private String currentPath = "";

    private LocatedJson() {
    }

    /** Parses a whole document; content after the root value is an error. */
    public static LocatedNode parse(byte[] content) {
        return new LocatedJson().parseDocument(content);
    }

    private LocatedNode parseDocument(byte[] content) {
        try (JsonParser p = FACTORY.createParser(content)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new JsonShapeException("", 1, 1, content.length == 0
                        ? "the file is empty" : "the file holds no JSON value (only whitespace)", null);
            }
            LocatedNode root = value(p, "");
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new JsonShapeException("", l.getLineNr(), l.getColumnNr(),
                        "unexpected content after the end of the JSON document", null);
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            int line = l == null ? 1 : Math.max(1, l.getLineNr());
            int col = l == null ? 1 : Math.max(1, l.getColumnNr());
            throw new JsonShapeException(currentPath, line, col, describe(e), e);
        } catch (IOException e) {
            throw new JsonShapeException(currentPath, 1, 1, "cannot read: " + e.getMessage(), e);
        }
    }

    private static String describe(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m.startsWith("Unexpected end-of-input")) {
            return "the file ends in the middle of the JSON (truncated?): " + firstLine(m);
        }
        if (e instanceof InputCoercionException) {
            return "number too large: " + firstLine(m);
        }
        return "not valid JSON: " + firstLine(m);
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private LocatedNode value(JsonParser p, String path) throws IOException {
        currentPath = path;
        JsonLocation l = p.currentTokenLocation();
        int line = l.getLineNr();
        int col = l.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, LocatedNode> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String childPath = path.isEmpty() ? name : path + "." + name;
                    if (fields.containsKey(name)) {
                        JsonLocation fl = p.currentTokenLocation();
                        throw new JsonShapeException(childPath, fl.getLineNr(), fl.getColumnNr(),
                                "field \"" + name + "\" appears twice in the same object");
                    }
                    p.nextToken();
                    fields.put(name, value(p, childPath));
                }
                currentPath = path;
                return new LocatedNode(LocatedNode.Type.OBJECT, path, line, col, fields);
            }
            case START_ARRAY: {
                List<LocatedNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p, path + "[" + items.size() + "]"));
                }
                currentPath = path;
                return new LocatedNode(LocatedNode.Type.ARRAY, path, line, col, items);
            }
            case VALUE_STRING:
                return new LocatedNode(LocatedNode.Type.STRING, path, line, col, p.getText());
            case VALUE_NUMBER_INT:
                return new LocatedNode(LocatedNode.Type.INTEGER, path, line, col,
                        p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return new LocatedNode(LocatedNode.Type.DECIMAL, path, line, col, p.getDoubleValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new LocatedNode(LocatedNode.Type.BOOLEAN, path, line, col, t == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return new LocatedNode(LocatedNode.Type.NULL, path, line, col, null);
            default:
                throw new JsonShapeException(path, line, col, "unexpected JSON token " + t);
        }
    }
}
