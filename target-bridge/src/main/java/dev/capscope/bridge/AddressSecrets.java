package dev.capscope.bridge;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The token a target address may carry, and keeping it out of sight. The rule is libcapbridge's
 * (cb_auth.h): the query after the address's last '?' holds the token when one of its
 * '&'-separated parameters is {@code token=...}, the key in any case ({@code ?token=},
 * {@code ?Token=}, {@code ?a=1&TOKEN=}); the whole query is then dropped before connecting.
 */
public final class AddressSecrets {
    /** Any "token=" parameter in any text, whatever the case, up to the next separator. */
    private static final Pattern TOKEN_PARAM = Pattern.compile("(?i)([?&]token=)[^&\\s'\"]*");

    private AddressSecrets() {
    }

    /** The address as it may be shown: without a query that carries a token. */
    public static String withoutToken(String uri) {
        int q = uri.lastIndexOf('?');
        if (q < 0) {
            return uri;
        }
        for (String param : uri.substring(q + 1).split("&", -1)) {
            if (param.toLowerCase(Locale.ROOT).startsWith("token=")) {
                return uri.substring(0, q);
            }
        }
        return uri;
    }

    /** {@code text} with the value of every token parameter in it replaced by "***". */
    public static String redact(String text) {
        return text == null ? null : TOKEN_PARAM.matcher(text).replaceAll("$1***");
    }
}
