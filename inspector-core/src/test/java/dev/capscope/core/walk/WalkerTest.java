package dev.capscope.core.walk;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.target.CapInfo;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.testing.GenodeSpaceBuilder;
import dev.capscope.core.testing.InMemoryTarget;
import dev.capscope.core.testing.InMemoryTarget.Call;
import dev.capscope.core.testing.Spaces;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WalkerTest {
    private static final String TASK = "log_client";

    private static InMemoryTarget targetWith(CapSpace space) {
        return new InMemoryTarget("memory:test", "in-memory", space.profile()).addTask(space);
    }

    @Test
    void walkGivesBackTheSpaceWithRolesFromTheProfile() {
        CapSpace expected = Spaces.typical("genode-foc-19", TASK, 3).build();
        InMemoryTarget target = targetWith(expected);
        CapSpace walked = new Walker(target).walk(TASK, Spaces.profile("genode-foc-19"));
        assertEquals(expected, walked);
        assertEquals("parent", walked.slot(0xb).role());
        assertEquals("thread 1 pager", walked.slot(0xc + 5 + 1).role());
        assertEquals("cap map", walked.slot(0x300).role());
    }

    @Test
    void aTaskThatMovesDuringEveryAttemptIsReportedTornNotReturned() {
        InMemoryTarget target = targetWith(Spaces.typical("genode-foc-19", TASK, 2).build());
        target.tamperCapInfos(infos -> {
            target.touch(TASK); // the component changes while it is read
            return infos;
        });
        TornWalkException e = assertThrows(TornWalkException.class,
                () -> new Walker(target).walk(TASK, Spaces.profile("genode-foc-19")));
        assertEquals(TargetException.Code.TORN, e.code());
        assertTrue(e.getMessage().contains("kept changing while it was read"), e.getMessage());
        assertEquals(Walker.DEFAULT_MAX_ATTEMPTS, target.calls(Call.VALIDITY));
        assertTrue(e.lastAttempt() != null);
    }

    @Test
    void contradictionsWhileTheTaskMovesAreTornButWithoutMovementAFault() {
        InMemoryTarget moving = targetWith(Spaces.typical("genode-foc-19", TASK, 2).build());
        moving.tamperCapInfos(infos -> {
            moving.touch(TASK);
            return List.of(); // validity said valid, infos say nothing: a torn view
        });
        assertThrows(TornWalkException.class, () -> new Walker(moving).walk(TASK, Spaces.profile("genode-foc-19")));

        InMemoryTarget faulty = targetWith(Spaces.typical("genode-foc-19", TASK, 2).build());
        faulty.tamperCapInfos(infos -> List.of());
        TargetException e = assertThrows(TargetException.class,
                () -> new Walker(faulty).walk(TASK, Spaces.profile("genode-foc-19")));
        assertEquals(TargetException.Code.PROTOCOL, e.code(), e.getMessage());
    }

    @Test
    void walkIsBatched() {
        InMemoryTarget target = targetWith(Spaces.typical("genode-foc-17", TASK, 2).build());
        new Walker(target).walk(TASK, Spaces.profile("genode-foc-17"));
        assertEquals(1, target.calls(Call.VALIDITY));
        assertEquals(1, target.calls(Call.CAP_INFOS), "cap infos of the whole range in one request");
        assertEquals(1, target.calls(Call.THREADS));
        assertEquals(1, target.calls(Call.CAP_MAP));
        assertEquals(2, target.calls(Call.GENERATION));
    }

    @Test
    void objectHeldAtSeveralSelectorsIsInTheTableOnce() {
        GenodeSpaceBuilder b = Spaces.typical("genode-foc-19", TASK, 1);
        int log = 0x302;
        int copy = b.duplicate(log);
        CapSpace walked = new Walker(targetWith(b.build())).walk(TASK, Spaces.profile("genode-foc-19"));
        assertEquals(walked.slot(log).objectId(), walked.slot(copy).objectId());
        long holders = walked.objects().stream().filter(o -> o.id() == walked.slot(log).objectId()).count();
        assertEquals(1, holders);
        assertEquals(walked.objects().size(), walked.slots().size() - 1);
    }

    @Test
    void progressRunsThroughThePhasesUpToOne() {
        InMemoryTarget target = targetWith(Spaces.typical("genode-foc-19", TASK, 2).build());
        List<WalkPhase> phases = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        new Walker(target).walk(TASK, Spaces.profile("genode-foc-19"), (p, f) -> {
            phases.add(p);
            fractions.add(f);
        }, CancellationToken.none());
        assertEquals(WalkPhase.VALIDITY, phases.get(0));
        assertTrue(phases.contains(WalkPhase.CAP_INFOS));
        assertEquals(WalkPhase.DONE, phases.get(phases.size() - 1));
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress went back: " + fractions);
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));
    }

    @Test
    void cancelledWalkThrowsAndStopsCallingTheTarget() {
        InMemoryTarget target = targetWith(Spaces.typical("genode-foc-19", TASK, 2).build());
        CancellationToken cancel = new CancellationToken();
        WalkCancelledException e = assertThrows(WalkCancelledException.class,
                () -> new Walker(target).walk(TASK, Spaces.profile("genode-foc-19"), (p, f) -> {
                    if (p == WalkPhase.VALIDITY && f > 0) {
                        cancel.cancel();
                    }
                }, cancel));
        assertTrue(e.getMessage().contains("cancelled while reading cap infos"), e.getMessage());
        assertEquals(0, target.calls(Call.CAP_INFOS));
        assertEquals(0, target.calls(Call.CAP_MAP));
    }

    @Test
    void cancelledBeforeStartCallsNothing() {
        InMemoryTarget target = targetWith(Spaces.typical("genode-foc-19", TASK, 1).build());
        CancellationToken cancel = new CancellationToken();
        cancel.cancel();
        assertThrows(WalkCancelledException.class,
                () -> new Walker(target).walk(TASK, Spaces.profile("genode-foc-19"), WalkListener.NONE, cancel));
        assertEquals(0, target.calls(Call.VALIDITY));
    }

    @Test
    void validSelectorWithoutInfoIsAProtocolErrorNamingTheSelector() {
        InMemoryTarget target = targetWith(Spaces.typical("genode-foc-19", TASK, 1).build())
                .tamperCapInfos(infos -> infos.stream().filter(i -> i.selector() != 0x301).toList());
        TargetException e = assertThrows(TargetException.class,
                () -> new Walker(target).walk(TASK, Spaces.profile("genode-foc-19")));
        assertEquals(TargetException.Code.PROTOCOL, e.code());
        assertTrue(e.getMessage().contains("0x301 (769) is valid in the validity bitmap but has no cap info"), e.getMessage());
    }

    @Test
    void infoForAnEmptySelectorIsAProtocolError() {
        InMemoryTarget target = targetWith(Spaces.typical("genode-foc-19", TASK, 1).build())
                .tamperCapInfos(infos -> {
                    List<CapInfo> more = new ArrayList<>(infos);
                    if (!infos.isEmpty() && infos.get(0).selector() == 1) {
                        more.add(1, new CapInfo(0x5, 77, ObjectKind.VLOG, Rights.RWS, null, 1));
                    }
                    return more;
                });
        TargetException e = assertThrows(TargetException.class,
                () -> new Walker(target).walk(TASK, Spaces.profile("genode-foc-19")));
        assertEquals(TargetException.Code.PROTOCOL, e.code());
        assertTrue(e.getMessage().contains("selector 0x5 (5) has a cap info but the validity bitmap says it is empty"),
                e.getMessage());
    }

    @Test
    void objectWithTwoKindsIsAProtocolError() {
        GenodeSpaceBuilder b = Spaces.typical("genode-foc-19", TASK, 1);
        int copy = b.duplicate(0x302);
        InMemoryTarget target = targetWith(b.build()).tamperCapInfos(infos -> infos.stream()
                .map(i -> i.selector() == copy
                        ? new CapInfo(i.selector(), i.objectId(), ObjectKind.IRQ_SENDER, i.rights(), null, 2) : i)
                .toList());
        TargetException e = assertThrows(TargetException.class,
                () -> new Walker(target).walk(TASK, Spaces.profile("genode-foc-19")));
        assertEquals(TargetException.Code.PROTOCOL, e.code());
        assertTrue(e.getMessage().contains("at selector 0x302 (770) but as Irq_sender at selector"), e.getMessage());
    }

    @Test
    void unsortedInfosAreAProtocolError() {
        InMemoryTarget target = targetWith(Spaces.typical("genode-foc-19", TASK, 1).build())
                .tamperCapInfos(infos -> {
                    List<CapInfo> rev = new ArrayList<>(infos);
                    java.util.Collections.reverse(rev);
                    return rev;
                });
        TargetException e = assertThrows(TargetException.class,
                () -> new Walker(target).walk(TASK, Spaces.profile("genode-foc-19")));
        assertEquals(TargetException.Code.PROTOCOL, e.code());
    }

    @Test
    void targetFailuresPropagateWithTheirCode() {
        InMemoryTarget target = targetWith(Spaces.typical("genode-foc-19", TASK, 1).build())
                .failOn(Call.CAP_MAP, new TargetException(TargetException.Code.TIMEOUT, "no answer in 2 s"));
        TargetException e = assertThrows(TargetException.class,
                () -> new Walker(target).walk(TASK, Spaces.profile("genode-foc-19")));
        assertEquals(TargetException.Code.TIMEOUT, e.code());
    }

    @Test
    void changeDuringAWalkCausesAnotherWalk() {
        CapSpace space = Spaces.typical("genode-foc-19", TASK, 1).build();
        InMemoryTarget target = targetWith(space);
        boolean[] once = {false};
        target.tamperCapInfos(infos -> {
            if (!once[0]) {
                once[0] = true;
                target.unmap(TASK, 0x301);
            }
            return infos;
        });
        CapSpace walked = new Walker(target).walk(TASK, Spaces.profile("genode-foc-19"));
        assertEquals(2, target.calls(Call.VALIDITY));
        assertFalse(walked.isValid(0x301), "the second walk sees the change");
        assertEquals(space.generation() + 1, walked.generation());
    }

    @Test
    void walkGuessingProfileNamesSlotsByTheGuess() {
        CapSpace expected = Spaces.typical("genode-foc-16", TASK, 3).build();
        GuessedWalk g = new Walker(targetWith(expected)).walkGuessingProfile(TASK,
                dev.capscope.core.profile.ProfileGuesser.builtin(), WalkListener.NONE, CancellationToken.none());
        assertEquals("genode-foc-16", g.guess().profile().name(), g.guess().describe());
        assertEquals(expected, g.space());
    }

    @Test
    void walksAFullSpaceOfOverAThousandSlots() {
        dev.capscope.core.model.Snapshot gui = dev.capscope.core.testing.SampleSnapshots.guiHeavy();
        InMemoryTarget target = InMemoryTarget.of(gui);
        CapSpace walked = new Walker(target).walk(gui.meta().task(), Spaces.profile(gui.meta().profile()));
        assertEquals(gui.space(), walked);
        // one request for the whole range, as a pipelined walk announces it
        assertEquals(1, target.calls(Call.CAP_INFOS));
    }

    @Test
    void unknownTaskIsRejected() {
        InMemoryTarget target = targetWith(Spaces.typical("genode-foc-19", TASK, 1).build());
        TargetException e = assertThrows(TargetException.class,
                () -> new Walker(target).walk("nope", Spaces.profile("genode-foc-19")));
        assertEquals(TargetException.Code.REJECTED, e.code());
    }
}
