package dev.capscope.core.model;

/**
 * Object-capability rights of one mapping (Fiasco: W 1, S 2, R 4, D 8). Genode maps RWS, never D;
 * the creator's slot holds D.
 */
public record Rights(int mask) {
    public static final int W = 1;
    public static final int S = 2;
    public static final int R = 4;
    public static final int D = 8;
    public static final Rights RWS = new Rights(R | W | S);
    public static final Rights RWSD = new Rights(R | W | S | D);
    public static final Rights NONE = new Rights(0);

    public Rights {
        if (mask < 0 || mask > 0xF) {
            throw new IllegalArgumentException("rights mask out of range 0..0xF: " + mask);
        }
    }

    /** The rights of a mask, one shared instance per mask (a walk decodes one per valid slot). */
    public static Rights of(int mask) {
        return mask >= 0 && mask <= 0xF ? ByMask.ALL[mask] : new Rights(mask);
    }

    private static final class ByMask {
        static final Rights[] ALL = new Rights[0x10];

        static {
            for (int m = 0; m < ALL.length; m++) {
                ALL[m] = new Rights(m);
            }
        }
    }

    public boolean has(int bit) {
        return (mask & bit) == bit;
    }

    /** Letters in the conventional order R W S D, "-" for none. */
    @Override
    public String toString() {
        if (mask == 0) {
            return "-";
        }
        StringBuilder b = new StringBuilder(4);
        if (has(R)) b.append('R');
        if (has(W)) b.append('W');
        if (has(S)) b.append('S');
        if (has(D)) b.append('D');
        return b.toString();
    }

    public static Rights parse(String text) {
        if (text == null || text.isEmpty() || text.equals("-")) {
            return NONE;
        }
        int m = 0;
        for (char c : text.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            switch (c) {
                case 'R' -> m |= R;
                case 'W' -> m |= W;
                case 'S' -> m |= S;
                case 'D' -> m |= D;
                default -> throw new IllegalArgumentException("unknown right '" + c + "' in \"" + text + "\" (use R, W, S, D)");
            }
        }
        return new Rights(m);
    }
}
