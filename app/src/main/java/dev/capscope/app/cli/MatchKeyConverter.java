package dev.capscope.app.cli;

import dev.capscope.core.diff.MatchKey;
import picocli.CommandLine;

import java.util.Locale;

/** "selector" / "badge", case-insensitive, with a message naming the choices. */
final class MatchKeyConverter implements CommandLine.ITypeConverter<MatchKey> {
    @Override
    public MatchKey convert(String value) {
        try {
            return MatchKey.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("--match must be 'selector' or 'badge', not '" + value + "'");
        }
    }
}
