package dev.capscope.core.json;

import java.util.List;
import java.util.Map;

/**
 * A JSON value with the place it came from (line, column, JSON path). Jackson's own tree forgets
 * locations, and error messages that name line and field are the point of strict reading.
 */
public final class LocatedNode {

    public enum Type {
        OBJECT("an object"), ARRAY("an array"), STRING("a string"), INTEGER("a whole number"),
        DECIMAL("a decimal number"), BOOLEAN("true/false"), NULL("null");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Type type;
    private final LocatedNode parent;
    private final String key;
    private final int index;
    private final int line;
    private final int column;
    private final Object value;

    /** {@code key} names the field in the parent object; else {@code index} is the position in the parent array. */
    LocatedNode(Type type, LocatedNode parent, String key, int index, int line, int column, Object value) {
        this.type = type;
        this.parent = parent;
        this.key = key;
        this.index = index;
        this.line = line;
        this.column = column;
        this.value = value;
    }

    public Type type() { return type; }

    /**
     * JSON path such as {@code slots[3].selector} ("" for the root). Built on demand: it is only
     * needed for error messages, and building it for every node would dominate reading time.
     */
    public String path() {
        if (parent == null) {
            return "";
        }
        String up = parent.path();
        if (key != null) {
            return up.isEmpty() ? key : up + "." + key;
        }
        return up + "[" + index + "]";
    }

    public int line() { return line; }
    public int column() { return column; }

    public boolean isNull() {
        return type == Type.NULL;
    }

    /** This node as an object whose fields are tracked, so unknown ones can be reported. */
    @SuppressWarnings("unchecked")
    public StrictObject asObject() {
        expect(Type.OBJECT);
        return new StrictObject(this, (Map<String, LocatedNode>) value);
    }

    @SuppressWarnings("unchecked")
    public List<LocatedNode> asArray() {
        expect(Type.ARRAY);
        return (List<LocatedNode>) value;
    }

    public String asString() {
        expect(Type.STRING);
        return (String) value;
    }

    public boolean asBoolean() {
        expect(Type.BOOLEAN);
        return (Boolean) value;
    }

    /** A whole number within min..max (inclusive). */
    public long asLong(long min, long max) {
        if (type != Type.INTEGER) {
            throw mismatch("a whole number");
        }
        if (!(value instanceof Long l) || l < min || l > max) {
            throw JsonShapeException.at(this, "value " + value + " is out of range " + min + ".." + max);
        }
        return l;
    }

    public int asInt(int min, int max) {
        return (int) asLong(min, max);
    }

    /**
     * A whole number written either as a JSON number or as a "0x..." string: layout constants read
     * best in hex, as in native_capability.h.
     */
    public int asIntOrHex(int min, int max) {
        if (type == Type.STRING) {
            String s = (String) value;
            long v;
            try {
                v = s.startsWith("0x") || s.startsWith("0X")
                        ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw JsonShapeException.at(this, "expected a number or a \"0x...\" hex string, found \"" + s + "\"");
            }
            if (v < min || v > max) {
                throw JsonShapeException.at(this, "value " + s + " is out of range " + min + ".." + max);
            }
            return (int) v;
        }
        return asInt(min, max);
    }

    private void expect(Type wanted) {
        if (type != wanted) {
            throw mismatch(wanted.description());
        }
    }

    private JsonShapeException mismatch(String wanted) {
        String found = type.description();
        if (type == Type.STRING) {
            String s = (String) value;
            found += " \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        return JsonShapeException.at(this, "expected " + wanted + ", found " + found);
    }
}
