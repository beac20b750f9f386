package dev.capscope.core.model;

/**
 * Facts about selector numbering shared by every layer.
 *
 * <p>A selector is a slot index in a task's object space; the kernel's cap index ("kcap") is
 * {@code selector << L4_CAP_SHIFT}. Capscope walks 0..4296: the range its users asked for in the
 * 2016 thread, which covers every real Genode layout (allocator ends at 0xFFF).
 */
public final class Selectors {
    /** {@code L4_CAP_SHIFT} from l4sys/include/consts.h. */
    public static final int CAP_SHIFT = 12;
    public static final int FIRST = 0;
    public static final int LAST = 4296;
    public static final int COUNT = LAST - FIRST + 1;

    private Selectors() {
    }

    public static boolean inRange(int selector) {
        return selector >= FIRST && selector <= LAST;
    }

    public static long kcap(int selector) {
        return ((long) selector) << CAP_SHIFT;
    }

    /** "0x200 (512)": both forms, shown wherever a selector appears. */
    public static String format(int selector) {
        return "0x" + Integer.toHexString(selector) + " (" + selector + ")";
    }

    public static String formatKcap(int selector) {
        return "0x" + Long.toHexString(kcap(selector));
    }
}
