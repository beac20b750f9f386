package dev.capscope.core.json;

/**
 * A JSON document that is malformed or has the wrong shape, located but not yet tied to a file;
 * readers catch it and rethrow their own {@link LocatedFormatException} naming the file.
 */
public final class JsonShapeException extends RuntimeException {
    private final String path;
    private final int line;
    private final int column;

    public JsonShapeException(String path, int line, int column, String problem) {
        super(problem);
        this.path = path;
        this.line = line;
        this.column = column;
    }

    public JsonShapeException(String path, int line, int column, String problem, Throwable cause) {
        super(problem, cause);
        this.path = path;
        this.line = line;
        this.column = column;
    }

    public static JsonShapeException at(LocatedNode node, String problem) {
        return new JsonShapeException(node.path(), node.line(), node.column(), problem);
    }

    public String path() { return path; }
    public int line() { return line; }
    public int column() { return column; }
    public String problem() { return getMessage(); }
}
