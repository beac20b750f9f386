package dev.capscope.core.profile;

import dev.capscope.core.json.LocatedFormatException;

/** A layout profile file that cannot be used; the message names file, line, column and field. */
public final class ProfileFormatException extends LocatedFormatException {
    public ProfileFormatException(String source, int line, int column, String path, String problem, String hint,
                                  Throwable cause) {
        super(source, line, column, path, problem, hint, cause);
    }
}
