package dev.capscope.core.json;

/**
 * A JSON document that is malformed or has the wrong shape, located but not yet tied to a file;
 * readers catch it and rethrow their own {@link LocatedFormatException} naming the file.
 */
public class JsonShapeException extends RuntimeException {
    private final String path;
    private final int line;
    private final int column;
    private final boolean syntax;

    public JsonShapeException(String path, int line, int column, String problem) {
        super(problem);
        this.path = path;
        this.line = line;
        this.column = column;
        this.syntax = false;
    }

    /** A syntax error: the bytes are not (complete) JSON. */
    public JsonShapeException(String path, int line, int column, String problem, Throwable cause) {
        super(problem, cause);
        this.path = path;
        this.line = line;
        this.column = column;
        this.syntax = true;
    }

    public static JsonShapeException at(LocatedNode node, String problem) {
        return new JsonShapeException(node.path(), node.line(), node.column(), problem);
    }

    public String path() { return path; }
    public int line() { return line; }
    public int column() { return column; }
    public String problem() { return getMessage(); }
    /** True when the document is not valid JSON at all (as opposed to JSON of the wrong shape). */
    public boolean isSyntaxError() { return syntax; }
}
