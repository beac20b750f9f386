package dev.capscope.app.ui.model;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.profile.Area;
import dev.capscope.core.profile.SelectorRole;

import java.util.function.IntFunction;

/**
 * What the occupancy map draws: per selector 0..4296 its area and what occupies it. Immutable;
 * built once per walk (about 0.3 ms), drawn on a single Canvas by the view.
 */
public final class MapModel {
    /** What occupies a cell. */
    public enum Occupancy {
        EMPTY, VALID, DANGLING_ENTRY, RECEIVE_WINDOW
    }

    public static final MapModel EMPTY = new MapModel(null, s -> new SelectorRole(Area.COMPONENT, "", -1, null), null);

    private final Area[] areas = new Area[Selectors.COUNT];
    private final Occupancy[] occupancy = new Occupancy[Selectors.COUNT];
    private final ObjectKind[] kinds = new ObjectKind[Selectors.COUNT];
    private final boolean[] anomaly = new boolean[Selectors.COUNT];
    private final boolean[] dimmed = new boolean[Selectors.COUNT];
    private final RowStatus[] status = new RowStatus[Selectors.COUNT];
    private final CapSpace space;
    private final IntFunction<SelectorRole> roles;
    private final int valid;

    /**
     * @param matches cells for which this returns false are drawn dimmed (the filter); null = all match
     */
    public MapModel(CapSpace space, IntFunction<SelectorRole> roles, java.util.function.IntPredicate matches) {
        this.space = space;
        this.roles = roles;
        int v = 0;
        for (int sel = 0; sel < Selectors.COUNT; sel++) {
            Area area = roles.apply(sel).area();
            areas[sel] = area;
            status[sel] = RowStatus.NORMAL;
            KernelObject obj = space == null ? null : space.objectAt(sel);
            CapMapEntry e = space == null ? null : space.capMapEntry(sel);
            if (obj != null) {
                v++;
                occupancy[sel] = Occupancy.VALID;
                kinds[sel] = obj.kind();
                anomaly[sel] = area == Area.INVALID || area == Area.BEYOND_ALLOCATOR
                        || area == Area.COMPONENT && e == null;
            } else {
                // An entry without badge and without a cap is a receive window waiting: normal.
                occupancy[sel] = e == null ? Occupancy.EMPTY : e.hasBadge() ? Occupancy.DANGLING_ENTRY : Occupancy.RECEIVE_WINDOW;
                anomaly[sel] = e != null && e.hasBadge();
            }
            dimmed[sel] = matches != null && !matches.test(sel);
        }
        this.valid = v;
    }

    /** Sets a status (live or diff mark) for one cell; used while building, before publishing. */
    public MapModel mark(int selector, RowStatus s) {
        status[selector] = s;
        return this;
    }

    public Area area(int sel) { return areas[sel]; }
    public Occupancy occupancy(int sel) { return occupancy[sel]; }
    public ObjectKind kind(int sel) { return kinds[sel]; }
    public boolean anomaly(int sel) { return anomaly[sel]; }
    public boolean dimmed(int sel) { return dimmed[sel]; }
    public RowStatus status(int sel) { return status[sel]; }
    public int validCount() { return valid; }
    /** False for {@link #EMPTY}: no space is shown, so nothing is drawn. */
    public boolean hasSpace() { return space != null; }

    /** The tooltip: "0x203 (515)  kcap 0x203000", area and role, kind, cap-map entry, anomaly, mark. */
    public String describe(int sel) {
        return describe(sel, dev.capscope.app.ui.settings.NumberBase.BOTH);
    }

    /** The tooltip with numbers in the window's base. */
    public String describe(int sel, dev.capscope.app.ui.settings.NumberBase n) {
        StringBuilder b = new StringBuilder(n.format(sel)).append("  kcap ").append(Selectors.formatKcap(sel));
        SelectorRole role = roles.apply(sel);
        b.append("\n").append(role.area().title()).append(" · ").append(role.role());
        if (space != null) {
            KernelObject obj = space.objectAt(sel);
            b.append("\n").append(obj == null ? "empty" : obj.kind().kernelName() + " (object " + obj.idText() + ")");
            CapMapEntry e = space.capMapEntry(sel);
            if (e != null) {
                String m = e.semantics().describe();
                b.append("\ncap map: ").append(e.hasBadge() ? "badge " + n.format(e.rawId()) : "no badge")
                        .append(", refs ").append(e.refCount()).append(m.isEmpty() ? "" : ", " + m);
            }
        }
        if (anomaly[sel]) {
            b.append("\nanomaly: see details");
        }
        if (status[sel] != RowStatus.NORMAL) {
            b.append("\n").append(status[sel].label());
        }
        return b.toString();
    }
}
