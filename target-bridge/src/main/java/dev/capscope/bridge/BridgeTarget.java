package dev.capscope.bridge;

import dev.capscope.bridge.driver.BridgeConnection;
import dev.capscope.bridge.driver.CapMapPage;
import dev.capscope.bridge.driver.HelloInfo;
import dev.capscope.bridge.driver.TaskRecord;
import dev.capscope.bridge.driver.WireStats;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.model.TaskInfo;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.target.CapInfo;
import dev.capscope.core.target.OperationResult;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.Target;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A live target reached through libcapbridge: capsim, or an agent on a real Fiasco.OC system.
 * Every call is one request (the cap map one per page) answered within the connect timeout;
 * failures arrive as {@link dev.capscope.core.target.TargetException} with UNREACHABLE, TIMEOUT, PROTOCOL, REFUSED or
 * REJECTED. After TIMEOUT or PROTOCOL the connection is closed: connect again. A read that finds
 * the connection gone (UNREACHABLE: the agent dropped an idle connection, or restarted) reconnects
 * once and asks again; if the agent cannot be reached the original error stands. Mutations never
 * retry, since one may have been applied before the line broke. The restore lease belongs to the
 * connection it was taken on: after a reconnect it is gone, and mutations say so instead of
 * running unleased.
 */
public final class BridgeTarget implements Target {
    /** A sensible default for interactive use: long enough for a busy target, well under 5 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    /** One connection with its task table; replaced as a whole on reconnect (see {@link #session()}). */
    private record Session(BridgeConnection connection, TaskDirectory tasks) {
        static Session open(String uri, Duration timeout) {
            BridgeConnection c = BridgeConnection.open(uri, timeout);
            return new Session(c, new TaskDirectory(c));
        }
    }

    private final String uri; // may carry "?token=": kept here only, never shown
    private final Duration timeout;
    private volatile Session session;
    private volatile boolean closed;
    private volatile Lease lease; // the last lease taken, ended or not

    private BridgeTarget(String uri, Duration timeout, Session session) {
        this.uri = uri;
        this.timeout = timeout;
        this.session = session;
    }

    /** Loads the native bridge library ahead of a {@link #connect}, which reports it if it failed. */
    public static void loadLibrary() {
        BridgeConnection.loadLibrary();
    }

    /**
     * Connects to {@code unix:PATH}, {@code tcp:HOST:PORT} or {@code serial:PATH} and greets the
     * agent, all within {@code timeout}, which then bounds every request.
     */
    public static BridgeTarget connect(String uri, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new BridgeTarget(uri, timeout, Session.open(uri, timeout));
    }

    public String endpoint() {
        return session.connection().endpoint();
    }

    /** What the agent said on connect (kernel, profile, flags, limits). */
    public HelloInfo hello() {
        return session.connection().hello();
    }

    /** The current connection: generations are comparable only within one. */
    @Override
    public Object session() {
        return session;
    }

    /** The tasks with their wire ids, parents and counts, read now. */
    public List<TaskRecord> taskRecords() {
        return read(s -> s.tasks().refresh());
    }

    @Override
    public TargetInfo info() {
        return read(s -> {
            HelloInfo h = s.connection().hello();
            List<TaskInfo> list = new ArrayList<>();
            for (TaskRecord t : s.tasks().refresh()) {
                list.add(new TaskInfo(t.name(), t.id(), t.threads(), t.validCaps(), t.generation()));
            }
            return new TargetInfo(s.connection().endpoint(), h.kernel(), h.profile().isEmpty() ? null : h.profile(),
                    h.agentVersion(), h.protocolVersion(), h.restoreAllowed(), list);
        });
    }

    @Override
    public long generation(String task) {
        return read(s -> s.tasks().withTask(task, s.connection()::generation));
    }

    @Override
    public BitSet validity(String task, int first, int last) {
        return read(s -> s.tasks().withTask(task, id -> s.connection().validity(id, first, last)));
    }

    @Override
    public List<CapInfo> capInfos(String task, int first, int last) {
        return read(s -> s.tasks().withTask(task, id -> s.connection().capInfos(id, first, last)));
    }

    @Override
    public List<ThreadInfo> threads(String task) {
        return read(s -> s.tasks().withTask(task, s.connection()::threads));
    }

    /**
     * The whole cap map 0..4095, page by page (the native parser checked that each page moves
     * forward). Pages are separate requests: a target changing in between gives a torn list, which
     * the walker's generation check before and after a walk catches.
     */
    @Override
    public List<CapMapEntry> capMap(String task) {
        return read(s -> s.tasks().withTask(task, id -> {
            List<CapMapEntry> all = new ArrayList<>();
            int first = 0;
            while (true) {
                CapMapPage p = s.connection().capMapPage(id, first, 4095);
                all.addAll(p.entries());
                if (p.complete()) {
                    return all;
                }
                first = p.next();
            }
        }));
    }

    /**
     * Sends the requests of these walks now, pipelined (one write), so the Walker's calls that follow
     * find their answers on the way. A hint: if it cannot be given (a task unknown, the connection
     * gone) it announces fewer or none, and the calls work as always.
     */
    @Override
    public int announceWalks(List<String> tasks, boolean generationFirst) {
        Session s = session;
        try {
            long[] ids = s.tasks().leadingIds(tasks);
            return ids.length == 0 ? 0 : s.connection().announceWalks(ids, generationFirst);
        } catch (TargetException e) {
            return 0; // the calls themselves report (and reconnect) as usual
        }
    }

    /** What the current connection did on the wire (writes = round trips), for tests and benchmarks. */
    public WireStats wireStats() {
        return session.connection().stats();
    }

    @Override
    public OperationResult apply(String task, RestoreOperation operation) {
        Objects.requireNonNull(operation, "operation");
        Session s = session;
        Lease l = lease;
        if (l != null && !l.ended && l.session != s) {
            throw new TargetException(Code.REFUSED, s.connection().endpoint() + ": the connection was re-established"
                    + " after the restore lease was taken, and the target ended the lease with the old connection;"
                    + " nothing was changed: plan the restore again");
        }
        return s.tasks().withTask(task, id -> {
            OperationApplier.Applied a = OperationApplier.apply(s.connection(), id, operation);
            if (l != null && l.session == s && l.task == id) {
                l.generation = a.generation();
            }
            return a.result();
        });
    }

    /**
     * LEASE_ACQUIRE with the agent's default timeout (30 s without a mutation). Never retried on a
     * new connection: the lease lives and dies with the connection it was taken on.
     */
    @Override
    public RestoreLease acquireLease(String task, long plannedGeneration) {
        Session s = session;
        return s.tasks().withTask(task, id -> {
            long confirmed = s.connection().acquireLease(id, plannedGeneration, 0);
            Lease taken = new Lease(s, id, confirmed);
            lease = taken; // the agent replaced any earlier lease of this connection
            return taken;
        });
    }

    /** A lease on one task, held by the connection of {@link #session}. */
    private final class Lease implements RestoreLease {
        final Session session;
        final long task;
        volatile long generation;
        volatile boolean ended;

        Lease(Session session, long task, long generation) {
            this.session = session;
            this.task = task;
            this.generation = generation;
        }

        @Override
        public long generation() {
            return generation;
        }

        /** Releases; harmless twice, after a later acquire replaced it, or when the connection is gone. */
        @Override
        public synchronized void close() {
            if (ended) {
                return;
            }
            ended = true;
            if (lease != this || BridgeTarget.this.session != session) {
                return; // replaced by a newer lease, or the agent ended it with the old connection
            }
            try {
                session.connection().releaseLease();
            } catch (TargetException e) {
                // the connection broke: the agent ends a lease with its connection
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        session.connection().close();
    }

    /** Runs a read; if the connection is gone, reconnects once and runs it again on the new one. */
    private <T> T read(Function<Session, T> call) {
        Session s = session;
        try {
            return call.apply(s);
        } catch (TargetException e) {
            if (e.code() != Code.UNREACHABLE || closed) {
                throw e;
            }
            Session fresh;
            try {
                fresh = reconnect(s);
            } catch (TargetException unreachable) {
                e.addSuppressed(unreachable);
                throw e;
            }
            return call.apply(fresh);
        }
    }

    private synchronized Session reconnect(Session failed) {
        if (session != failed) {
            return session; // another thread reconnected already
        }
        Session fresh = Session.open(uri, timeout);
        failed.connection().close();
        session = fresh;
        return fresh;
    }
}
