package dev.capscope.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

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
    private static final int MAX_DEPTH = 64;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    /** The container being read, so a syntax error can say where it happened. */
    private LocatedNode currentNode;

    private LocatedJson() {
    }

    /** Parses a whole document; content after the root value is an error. */
    public static LocatedNode parse(byte[] content) {
        return new LocatedJson().parseDocument(content);
    }

    private LocatedNode parseDocument(byte[] content) {
        JsonParser parser = null;
        try (JsonParser p = FACTORY.createParser(content)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new JsonShapeException("", 1, 1, content.length == 0
                        ? "the file is empty" : "the file holds no JSON value (only whitespace)", null);
            }
            LocatedNode root = value(p, null, null, -1);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new JsonShapeException("", l.getLineNr(), l.getColumnNr(),
                        "unexpected content after the end of the JSON document", null);
            }
            return root;
        } catch (StreamConstraintsException e) {
            // A limit, not a syntax error: the exception has no location and the parser's current one
            // is past its buffer; the token it was reading starts where the offending value does.
            JsonLocation l = parser == null ? null : parser.currentTokenLocation();
            int line = l == null ? 1 : Math.max(1, l.getLineNr());
            int col = l == null ? 1 : Math.max(1, l.getColumnNr());
            throw new JsonShapeException(currentPath(), line, col, limit(e.getOriginalMessage()), null);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            int line = l == null ? 1 : Math.max(1, l.getLineNr());
            int col = l == null ? 1 : Math.max(1, l.getColumnNr());
            throw new JsonShapeException(currentPath(), line, col, describe(e), e);
        } catch (IOException e) {
            throw new JsonShapeException(currentPath(), 1, 1, "cannot read: " + e.getMessage(), e);
        }
    }

    private String currentPath() {
        return currentNode == null ? "" : currentNode.path();
    }

    /** The limit in our words; Jackson's text names its own classes and methods. */
    private static String limit(String m) {
        String lower = String.valueOf(m).toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("number")) {
            return "a number with more than 1000 digits (a snapshot's numbers have at most 20)";
        }
        if (lower.contains("nesting depth")) {
            return "the JSON is nested more than " + MAX_DEPTH + " levels deep (a snapshot is nested at most 4 deep)";
        }
        if (lower.contains("string") || lower.contains("name")) {
            return "a string or field name is longer than a snapshot can hold";
        }
        return "a value is larger than a snapshot can hold";
    }

    private static String describe(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m.startsWith("Unexpected end-of-input")) {
            return "the file ends in the middle of the JSON (truncated?)";
        }
        if (e instanceof InputCoercionException) {
            return "number too large: " + firstLine(m);
        }
        return "not valid JSON: " + firstLine(m);
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        // Jackson's parser internals ("(start marker at [Source: ...", ": enable `JsonReadFeature...")
        // say nothing to a user; the located position says where.
        for (String noise : new String[] {" (start marker at [Source", ": enable `", " (from `", ", from `"}) {
            int at = line.indexOf(noise);
            if (at > 0) {
                line = line.substring(0, at);
            }
        }
        return line;
    }

    private LocatedNode value(JsonParser p, LocatedNode parent, String key, int index) throws IOException {
        JsonLocation l = p.currentTokenLocation();
        int line = l.getLineNr();
        int col = l.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, LocatedNode> fields = new LinkedHashMap<>();
                LocatedNode node = new LocatedNode(LocatedNode.Type.OBJECT, parent, key, index, line, col, fields);
                currentNode = node;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (fields.containsKey(name)) {
                        JsonLocation fl = p.currentTokenLocation();
                        String path = node.path();
                        throw new JsonShapeException(path.isEmpty() ? name : path + "." + name, fl.getLineNr(),
                                fl.getColumnNr(), "field \"" + name + "\" appears twice in the same object");
                    }
                    p.nextToken();
                    fields.put(name, value(p, node, name, -1));
                    currentNode = node;
                }
                return node;
            }
            case START_ARRAY: {
                List<LocatedNode> items = new ArrayList<>();
                LocatedNode node = new LocatedNode(LocatedNode.Type.ARRAY, parent, key, index, line, col, items);
                currentNode = node;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p, node, null, items.size()));
                    currentNode = node;
                }
                return node;
            }
            case VALUE_STRING:
                return new LocatedNode(LocatedNode.Type.STRING, parent, key, index, line, col, p.getText());
            case VALUE_NUMBER_INT:
                return new LocatedNode(LocatedNode.Type.INTEGER, parent, key, index, line, col,
                        p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return new LocatedNode(LocatedNode.Type.DECIMAL, parent, key, index, line, col, p.getDoubleValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new LocatedNode(LocatedNode.Type.BOOLEAN, parent, key, index, line, col, t == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return new LocatedNode(LocatedNode.Type.NULL, parent, key, index, line, col, null);
            default:
                throw new JsonShapeException(parent == null ? "" : parent.path(), line, col, "unexpected JSON token " + t);
        }
    }
}
