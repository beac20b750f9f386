package dev.capscope.core.restore;

import java.util.List;
import java.util.Objects;

/** One reason a restore is refused, with a sentence saying what and where (selectors in hex and decimal). */
public record Refusal(RefusalReason reason, String message, List<Integer> selectors) {
    public Refusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        selectors = List.copyOf(selectors);
    }

    static Refusal of(RefusalReason reason, String message, Integer... selectors) {
        return new Refusal(reason, message, List.of(selectors));
    }

    @Override
    public String toString() {
        return reason + ": " + message;
    }
}
