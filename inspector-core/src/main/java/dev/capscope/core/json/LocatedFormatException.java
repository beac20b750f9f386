package dev.capscope.core.json;

/**
 * A file that does not have the shape Capscope expects. Says which file, where (line, column and
 * the JSON path of the field, e.g. {@code slots[3].selector}), what is wrong and what to do, so a
 * user can fix the file without reading code.
 */
public class LocatedFormatException extends RuntimeException {
    private final String source;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;
    private final String hint;

    public LocatedFormatException(String source, int line, int column, String path, String problem, String hint,
                                  Throwable cause) {
        super(format(source, line, column, path, problem, hint), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.path = path;
        this.problem = problem;
        this.hint = hint == null ? "" : hint;
    }

    private static String format(String source, int line, int column, String path, String problem, String hint) {
        StringBuilder b = new StringBuilder();
        b.append(source);
        if (line > 0) {
            b.append(':').append(line).append(':').append(column);
        }
        b.append(": ");
        if (path != null && !path.isEmpty()) {
            b.append("field ").append(path).append(": ");
        }
        b.append(problem);
        if (hint != null && !hint.isEmpty()) {
            b.append(". ").append(hint);
        }
        return b.toString();
    }

    /** The file (or resource) name as given to the reader. */
    public String source() { return source; }
    public int line() { return line; }
    public int column() { return column; }
    /** JSON path of the offending field ("" for the document itself). */
    public String path() { return path; }
    /** What is wrong, without location or hint. */
    public String problem() { return problem; }
    /** What to do about it ("" when there is no advice). */
    public String hint() { return hint; }

    /** The message without the hint: file, position, field and what is wrong. */
    public String whatHappened() {
        return format(source, line, column, path, problem, "");
    }
}
