package dev.capscope.core.holders;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectJoinTest {
    /** A tiny space builder: slots naming objects (id -1: unidentified) with optional cap-map entries. */
    private static final class Space {
        final String task;
        final List<KernelObject> objects = new ArrayList<>();
        final List<Slot> slots = new ArrayList<>();
        final List<CapMapEntry> entries = new ArrayList<>();

        Space(String task) {
            this.task = task;
        }

        Space cap(int sel, long id, Rights rights, Long badge, String iface, String label, String server) {
            KernelObject o = id >= 0 ? new KernelObject(id, ObjectKind.IPC_GATE, badge)
                    : KernelObject.unidentified(sel, ObjectKind.IPC_GATE, badge);
            if (objects.stream().noneMatch(x -> x.id() == o.id())) {
                objects.add(o);
            }
            slots.add(new Slot(sel, o.id(), rights, "cap map"));
            if (badge != null) {
                entries.add(new CapMapEntry(sel, badge, 1, new Semantics(iface, label, null, server, null)));
            }
            return this;
        }

        TaskSpace live() {
            return TaskSpace.live(task, space());
        }

        TaskSpace gone() {
            return new TaskSpace(task, space(), false);
        }

        CapSpace space() {
            return new CapSpace(task, "genode-foc-19", 1, objects, slots, List.of(), entries);
        }
    }

    @Test
    void objectIdsJoinHoldersAcrossTasksWithServerClientsAndCreator() {
        TaskSpace server = new Space("srv").cap(0x300, 10, Rights.RWSD, 8L, "LOG", "app", "srv").live();
        TaskSpace client = new Space("app").cap(0x310, 10, Rights.RWS, 8L, "LOG", "app", "srv")
                .cap(0x311, 11, Rights.RWS, 12L, "ROM", "app -> cfg", "core").live();
        Holdings h = ObjectJoin.join(List.of(server, client));
        HeldObject log = h.at("app", 0x310);
        assertEquals(Identity.OBJECT_ID, log.identity());
        assertEquals(10L, log.objectId());
        assertEquals(List.of("app", "srv"), List.copyOf(log.tasks()));
        assertEquals("srv", log.server());
        assertEquals(Boolean.TRUE, log.serverHolds());
        assertEquals(List.of("app"), log.clients());
        assertEquals("srv", log.creator().task());
        assertTrue(log.shared());
        HeldObject rom = h.at("app", 0x311);
        assertFalse(rom.shared());
        assertNull(rom.serverHolds(), "core is not walked: nobody can tell whether it holds the gate");
        assertNull(rom.creator());
        assertTrue(CrossTaskLint.check(h).isEmpty());
    }

    @Test
    void withoutObjectIdsOnlyAGenodeBadgeWithTheSameInterfaceAndLabelJoins() {
        TaskSpace a = new Space("a").cap(0x300, -1, Rights.RWS, 40L, "LOG", "a", "b")
                .cap(0x301, -1, Rights.RWS, 1L, "Thread", "a -> main", "core")
                .cap(0x302, -1, Rights.RWS, null, null, null, null).live();
        TaskSpace b = new Space("b").cap(0x305, -1, Rights.RWS, 40L, "LOG", "a", "b")
                .cap(0x301, -1, Rights.RWS, 1L, "Thread", "b -> main", "core").live();
        Holdings h = ObjectJoin.join(List.of(a, b));
        HeldObject log = h.at("a", 0x300);
        assertEquals(Identity.BADGE, log.identity());
        assertNull(log.objectId());
        assertEquals(List.of("a", "b"), List.copyOf(log.tasks()));
        assertFalse(h.at("a", 0x301).shared(), "the main threads' id 1 is local to each component");
        assertEquals(Identity.UNKNOWN, h.at("a", 0x302).identity());
        assertEquals(4, h.objects().size(), "LOG joined, two main threads, one unidentified");
    }

    @Test
    void anEntryWithoutSemanticsJoinsItsBadgeOnlyWhenTheBadgeHasOneMeaning() {
        TaskSpace hub = new Space("hub").cap(0x300, -1, Rights.RWS, 4680L, null, null, null)
                .cap(0x301, -1, Rights.RWS, 1L, null, null, null).live();
        TaskSpace app = new Space("app").cap(0x310, -1, Rights.RWS, 4680L, "Capscope", "app -> capscope", null)
                .cap(0x311, -1, Rights.RWS, 1L, "Thread", "app -> main", "core").live();
        TaskSpace other = new Space("other").cap(0x311, -1, Rights.RWS, 1L, "Thread", "other -> main", "core").live();
        Holdings h = ObjectJoin.join(List.of(hub, app, other));
        assertEquals(List.of("app", "hub"), List.copyOf(h.at("hub", 0x300).tasks()));
        assertEquals("Capscope", h.at("hub", 0x300).rpcInterface());
        assertEquals(Identity.UNKNOWN, h.at("hub", 0x301).identity(), "badge 1 means two things: no join");
        assertFalse(h.at("app", 0x311).shared());
    }

    @Test
    void holdersThatDisagreeOnTheServerLeaveItUnknown() {
        TaskSpace a = new Space("a").cap(0x300, 7, Rights.RWS, 40L, "LOG", "x", "s1").live();
        TaskSpace b = new Space("b").cap(0x300, 7, Rights.RWS, 40L, "LOG", "x", "s2").live();
        HeldObject o = ObjectJoin.join(List.of(a, b)).at("a", 0x300);
        assertNull(o.server());
        assertNull(o.serverHolds());
    }

    @Test
    void lintFindsASessionWhoseServerDroppedTheGateAndObjectsHeldOnlyByGoneTasks() {
        TaskSpace server = new Space("srv").cap(0x300, 20, Rights.RWS, 8L, "Nitpicker", "other", "srv").live();
        TaskSpace client = new Space("app").cap(0x310, 10, Rights.RWS, 4L, "Nitpicker", "app", "srv").live();
        TaskSpace dead = new Space("dead").cap(0x320, 30, Rights.RWS, 12L, "LOG", "dead", "core").gone();
        List<CrossTaskFinding> f = CrossTaskLint.check(ObjectJoin.join(List.of(server, client, dead)));
        assertEquals(List.of(CrossTaskLint.SERVER_DROPPED_GATE, CrossTaskLint.ONLY_GONE_HOLDERS),
                f.stream().map(CrossTaskFinding::ruleId).toList(), f.toString());
        assertTrue(f.get(0).message().contains("'srv' no longer holds the gate")
                && f.get(0).message().contains("'app' at 0x310 (784)"), f.get(0).message());
        assertTrue(f.get(1).message().contains("'dead' at 0x320 (800)"), f.get(1).message());
    }

    @Test
    void graphDrawsAnEdgeFromEachServerToEveryOtherHolder() {
        TaskSpace server = new Space("srv").cap(0x300, 10, Rights.RWSD, 8L, "LOG", "app", "srv").live();
        TaskSpace client = new Space("app").cap(0x310, 10, Rights.RWS, 8L, "LOG", "app", "srv")
                .cap(0x311, 11, Rights.RWS, 12L, "ROM", "app", "core").live();
        HoldersGraph g = new HoldersGraph(ObjectJoin.join(List.of(server, client)), true);
        assertEquals(List.of(new HoldersGraph.Edge("core", "app", 1), new HoldersGraph.Edge("srv", "app", 1)), g.edges());
        assertEquals(List.of("core"), g.outsideServers());
        String dot = g.toDot();
        assertTrue(dot.startsWith("digraph holders {") && dot.contains("[label=\"srv\"]")
                && dot.contains("style=dashed") && dot.contains("-> t0 [label=\"1 object\"]"), dot);
    }
}
