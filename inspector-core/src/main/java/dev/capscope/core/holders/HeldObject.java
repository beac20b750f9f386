package dev.capscope.core.holders;

import dev.capscope.core.model.ObjectKind;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One kernel object with every slot that names it across the joined tasks.
 *
 * @param key           stable key within one join: "obj:ID", "badge:N:IFACE:LABEL" or "slot:TASK:SEL"
 * @param identity      how the holders were joined
 * @param objectId      the kernel's global object id, null when the target did not give one
 * @param kind          the object's kind ({@link ObjectKind#UNKNOWN} when the holders do not say or disagree)
 * @param label         an IPC gate's label (the badge in Genode), null when none or unknown
 * @param badge         the Genode badge the holders' cap maps file it under, null when none agree
 * @param rpcInterface  the RPC interface the holders' runtimes name, null when unknown or contradictory
 * @param sessionLabel  the session label the runtimes name, null when unknown or contradictory
 * @param server        the serving component as the runtimes name it ("core" included), null when unknown
 *                      or when holders contradict each other
 * @param serverWalked  whether {@code server} is one of the joined tasks (so whether it holds the gate is known)
 * @param holders       every slot naming the object, by task then selector
 */
public record HeldObject(String key, Identity identity, Long objectId, ObjectKind kind, Long label, Long badge,
                         String rpcInterface, String sessionLabel, String server, boolean serverWalked,
                         List<Holder> holders) {
    public HeldObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(kind, "kind");
        holders = List.copyOf(holders);
    }

    /** Distinct tasks holding the object, in holder order. */
    public Set<String> tasks() {
        Set<String> out = new LinkedHashSet<>();
        holders.forEach(h -> out.add(h.task()));
        return out;
    }

    /** Held by more than one task. */
    public boolean shared() {
        return tasks().size() > 1;
    }

    /** The holder with the D right (the slot it was created into), null when no joined task holds it. */
    public Holder creator() {
        return holders.stream().filter(Holder::creator).findFirst().orElse(null);
    }

    /**
     * Whether the server holds the object: null when the server is unknown or not among the joined
     * tasks (e.g. core), so nobody can tell.
     */
    public Boolean serverHolds() {
        if (server == null || !serverWalked) {
            return null;
        }
        return tasks().contains(server);
    }

    /** Holding tasks other than the server (a session's clients and the parents that routed it). */
    public List<String> clients() {
        return tasks().stream().filter(t -> !t.equals(server)).toList();
    }

    /** Every holding task is gone. */
    public boolean onlyGoneHolders() {
        return holders.stream().noneMatch(Holder::taskPresent);
    }

    /**
     * Whether the runtime says this is a session (a capability a parent can open again); an L4Re
     * program's named environment caps are no sessions.
     */
    public boolean session() {
        return !"L4Re::Env".equals(rpcInterface)
                && new dev.capscope.core.model.Semantics(rpcInterface, null, null, null, null).reopenable();
    }
}
