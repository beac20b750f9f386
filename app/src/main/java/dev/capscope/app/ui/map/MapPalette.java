package dev.capscope.app.ui.map;

import dev.capscope.app.ui.model.RowStatus;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.profile.Area;
import javafx.scene.paint.Color;

import java.util.LinkedHashMap;
import java.util.Map;

/** Colours of the occupancy map: pale tints for empty cells by area, strong colours for kinds. */
public final class MapPalette {
    private MapPalette() {
    }

    public static Color emptyCell(Area a) {
        return emptyCell(a, false);
    }

    /** Empty cells in the dark theme: the same hues, dark, so the valid caps stand out there too. */
    public static Color emptyCell(Area a, boolean dark) {
        if (dark) {
            return switch (a) {
                case INVALID -> web("#3a3d42");
                case FIXED -> web("#1d2a3a");
                case THREADS -> web("#1c3024");
                case CORE_RESERVED -> web("#2a2d32");
                case COMPONENT -> web("#322b1c");
                case BEYOND_ALLOCATOR -> web("#3a2023");
            };
        }
        return switch (a) {
            case INVALID -> web("#c8c8c8");
            case FIXED -> web("#d6e4f5");
            case THREADS -> web("#d5ecd5");
            case CORE_RESERVED -> web("#e6e6e6");
            case COMPONENT -> web("#f3ead2");
            case BEYOND_ALLOCATOR -> web("#f5dada");
        };
    }

    public static Color kind(ObjectKind k) {
        return switch (k) {
            case TASK -> web("#1f4e9c");
            case THREAD -> web("#2e7d32");
            case IPC_GATE -> web("#e08600");
            case IRQ_SENDER, IRQ_SEMAPHORE -> web("#8e44ad");
            case UNKNOWN -> web("#5f5f5f");
            default -> web("#00838f");
        };
    }

    private static final java.util.Map<String, Color> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@link Color#web} parsed once per colour: the map asks for a colour per cell on every redraw. */
    private static Color web(String hex) {
        return PARSED.computeIfAbsent(hex, Color::web);
    }

    public static final Color ANOMALY = web("#d32f2f");
    public static final Color RECEIVE_WINDOW = web("#b9b3a3");
    public static final Color SELECTED = web("#000000");

    public static Color status(RowStatus s) {
        return switch (s) {
            case NEW, DIFF_ADDED -> web("#00c853");
            case REMOVED, DIFF_REMOVED -> web("#9e9e9e");
            case CHANGED, DIFF_CHANGED -> web("#ffb300");
            case DIFF_REBOUND -> web("#2979ff");
            case NORMAL -> null;
        };
    }

    /** Legend entries in display order. */
    public static Map<String, Color> legend() {
        return legend(false);
    }

    public static Map<String, Color> legend(boolean dark) {
        Map<String, Color> m = new LinkedHashMap<>();
        m.put("Task", kind(ObjectKind.TASK));
        m.put("Thread", kind(ObjectKind.THREAD));
        m.put("Ipc_gate", kind(ObjectKind.IPC_GATE));
        m.put("Irq", kind(ObjectKind.IRQ_SENDER));
        m.put("other kernel object", kind(ObjectKind.FACTORY));
        m.put("kind unknown", kind(ObjectKind.UNKNOWN));
        m.put("anomaly", ANOMALY);
        m.put("receive window (entry, no cap yet)", RECEIVE_WINDOW);
        m.put("empty: fixed", emptyCell(Area.FIXED, dark));
        m.put("thread slots", emptyCell(Area.THREADS, dark));
        m.put("core reserved", emptyCell(Area.CORE_RESERVED, dark));
        m.put("component area", emptyCell(Area.COMPONENT, dark));
        m.put("beyond allocator", emptyCell(Area.BEYOND_ALLOCATOR, dark));
        return m;
    }
}
