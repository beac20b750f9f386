package dev.capscope.core.lint;

import dev.capscope.core.diff.SpaceBuilder;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Semantics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinterTest {

    /** A clean component: threads, sessions, dataspaces, a receive window. The negative case of every rule. */
    private static SpaceBuilder clean() {
        SpaceBuilder b = SpaceBuilder.foc19("clean").thread(1, "ep").thread(2, "signal handler")
                .session(0x300, 4, "LOG", "clean", "log_server")
                .session(0x301, 8, "ROM", "config", "init")
                .receiveWindow(0x304)
                .receiveWindow(0x308);
        for (int i = 0; i < 20; i++) {
            b.session(0x310 + i, 100 + 4L * i, "Dataspace", "", "core");
        }
        return b;
    }

    private static List<Finding> lint(SpaceBuilder b) {
        return Linter.lint(b.build(), b.profile());
    }

    private static Finding only(List<Finding> findings, String ruleId) {
        List<Finding> of = findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
        assertEquals(1, of.size(), () -> "findings of " + ruleId + ": " + findings);
        return of.get(0);
    }

    @Test
    void cleanSpaceHasNoFindings() {
        assertEquals(List.of(), lint(clean()));
    }

    @Test
    void everyRuleHasAStableIdAndADescription() {
        List<String> ids = Linter.standard().rules().stream().map(LintRule::id).sorted().toList();
        assertEquals(List.of("badge-label-mismatch", "beyond-allocator", "broken-receive-window", "dangling-entry", "duplicate-badge",
                "half-filled-thread", "leaked-cap", "valid-selector-zero"), ids);
        Linter.standard().rules().forEach(r -> assertTrue(r.description().length() > 10, r.id()));
    }

    @Test
    void validCapInComponentAreaWithoutEntryIsALeak() {
        Finding f = only(lint(clean().cap(0x350, ObjectKind.IRQ_SENDER)), "leaked-cap");
        assertEquals(List.of(0x350), f.selectors());
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().contains("0x350 (848)"), f.message());
        assertTrue(f.message().contains("Irq_sender"), f.message());
    }

    /** L4Re's cap allocator keeps its bookkeeping private: no cap map to hold a valid cap against. */
    @Test
    void withoutATrackedAllocatorNothingIsALeak() {
        SpaceBuilder b = clean().cap(0x350, ObjectKind.IRQ_SENDER);
        dev.capscope.core.profile.LayoutProfile p = b.profile();
        dev.capscope.core.profile.LayoutProfile untracked = new dev.capscope.core.profile.LayoutProfile(p.name(),
                p.description(), p.kernel(), p.fixedSlots(), p.parentCap(), p.threadAreaBase(), p.threadSlotRoles(),
                p.threadMax(), p.userBaseCap(), p.capMapEntries(), p.capEqualIdentity(), false, p.capIdBits(),
                p.capMapEntryBytes());
        assertTrue(Linter.lint(b.build(), untracked).stream().noneMatch(f -> f.ruleId().equals("leaked-cap")));
        assertTrue(dev.capscope.core.profile.ProfileRegistry.builtin().get("genode-foc-19").allocatorTracked());
        assertTrue(!dev.capscope.core.profile.ProfileRegistry.builtin().get("l4re").allocatorTracked());
    }

    @Test
    void capInCoreAreaWithoutEntryIsNoLeak() {
        assertEquals(List.of(), lint(clean().cap(0x2f0, ObjectKind.IRQ_SENDER)), "core reserved area");
        // the task cap (selector 1) has no entry either, and that is normal
        assertTrue(lint(clean()).stream().noneMatch(f -> f.ruleId().equals("leaked-cap")));
    }

    @Test
    void badgedEntryOnEmptySelectorIsDangling() {
        Finding f = only(lint(clean().removeSlot(0x301)), "dangling-entry");
        assertEquals(List.of(0x301), f.selectors());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("0x301 (769)") && f.message().contains("badge 8"), f.message());
    }

    @Test
    void halfFilledThreadGroupIsFound() {
        Finding f = only(lint(clean().removeSlot(SpaceBuilder.FOC19.threadBase(2) + 1)), "half-filled-thread");
        int base = SpaceBuilder.FOC19.threadBase(2);
        assertEquals(List.of(base, base + 1, base + 2, base + 3, base + 4), f.selectors());
        assertTrue(f.message().contains("thread 2") && f.message().contains("pager 0x17 (23)"), f.message());
    }

    @Test
    void vcpuSlotWithoutItsPartnerIsHalfFilledButAFullVcpuThreadIsNot() {
        int base = SpaceBuilder.FOC19.threadBase(1);
        SpaceBuilder full = clean().cap(base + 3, ObjectKind.VM).cap(base + 4, ObjectKind.IRQ_SENDER);
        assertEquals(List.of(), lint(full));
        Finding f = only(lint(clean().cap(base + 3, ObjectKind.VM)), "half-filled-thread");
        assertTrue(f.message().contains("vcpu-irq"), f.message());
    }

    @Test
    void capsBeyondTheAllocatorAreFound() {
        List<Finding> findings = lint(clean().cap(0x1000, ObjectKind.IPC_GATE).entry(0x1001, 400, 1, Semantics.NONE));
        List<Finding> beyond = findings.stream().filter(f -> f.ruleId().equals("beyond-allocator")).toList();
        assertEquals(2, beyond.size(), findings::toString);
        assertEquals(List.of(0x1000), beyond.get(0).selectors());
        assertTrue(beyond.get(0).message().contains("0x1000 (4096)") && beyond.get(0).message().contains("0xfff (4095)"));
        assertEquals(List.of(0x1001), beyond.get(1).selectors());
        assertTrue(lint(clean().cap(0xfff, ObjectKind.IPC_GATE).entry(0xfff, 404, 1, Semantics.NONE))
                .stream().noneMatch(f -> f.ruleId().equals("beyond-allocator")));
    }

    @Test
    void receiveWindowOfOtherThanFourSlotsIsFound() {
        Finding f = only(lint(clean().removeEntry(0x30b)), "broken-receive-window");
        assertEquals(List.of(0x304, 0x305, 0x306, 0x307, 0x308, 0x309, 0x30a), f.selectors());
        assertTrue(f.message().contains("0x304 (772)..0x30a (778)"), f.message());
        Finding single = only(lint(clean().entry(0x360, CapMapEntry.NO_BADGE, 1, Semantics.NONE)), "broken-receive-window");
        assertEquals(List.of(0x360), single.selectors());
    }

    @Test
    void aGateMappedOverAnEntryThatSaysOtherwiseIsFound() {
        SpaceBuilder b = clean();
        // The LOG session's gate (label 4) mapped over the ROM session's slot, whose entry still says 8.
        b.slot(0x301, ObjectKind.IPC_GATE, b.slotAt(0x300).objectId(), Rights.RWS, 4L);
        Finding f = only(lint(b), "badge-label-mismatch");
        assertEquals(List.of(0x301), f.selectors());
        assertTrue(f.message().contains("says badge 8") && f.message().contains("has label 4"), f.message());
    }

    @Test
    void duplicateBadgesAreFound() {
        SpaceBuilder b = clean();
        b.slot(0x370, ObjectKind.IPC_GATE, b.slotAt(0x300).objectId(), Rights.RWS, 4L)
                .entry(0x370, 4, 1, b.entryAt(0x300).semantics());
        Finding f = only(lint(b), "duplicate-badge");
        assertEquals(List.of(0x300, 0x370), f.selectors());
        assertTrue(f.message().contains("badge 4") && f.message().contains("0x300 (768), 0x370 (880)"), f.message());
    }

    @Test
    void validCapAtSelectorZeroIsFound() {
        Finding f = only(lint(clean().cap(0, ObjectKind.IPC_GATE)), "valid-selector-zero");
        assertEquals(List.of(0), f.selectors());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("0x0 (0)"), f.message());
    }

    @Test
    void findingsAreSortedBySelector() {
        List<Finding> findings = lint(clean().cap(0x1000, ObjectKind.IPC_GATE).cap(0x350, ObjectKind.IPC_GATE)
                .cap(0, ObjectKind.IPC_GATE));
        assertEquals(List.of(0, 0x350, 0x1000), findings.stream().map(Finding::firstSelector).toList());
    }
}
