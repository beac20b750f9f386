package dev.capscope.bridge;

import dev.capscope.bridge.driver.BridgeConnection;
import dev.capscope.bridge.driver.CapMapPage;
import dev.capscope.bridge.driver.HelloInfo;
import dev.capscope.bridge.driver.TaskRecord;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.model.TaskInfo;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.target.CapInfo;
import dev.capscope.core.target.OperationResult;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * A live target reached through libcapbridge: capsim, or an agent on a real Fiasco.OC system.
 * Every call is one request (the cap map one per page) answered within the connect timeout;
 * failures arrive as {@link dev.capscope.core.target.TargetException} with UNREACHABLE, TIMEOUT, PROTOCOL, REFUSED or
 * REJECTED. After UNREACHABLE, TIMEOUT or PROTOCOL the connection is closed: connect again.
 */
public final class BridgeTarget implements Target {
    /** A sensible default for interactive use: long enough for a busy target, well under 5 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private final BridgeConnection connection;
    private final TaskDirectory tasks;

    private BridgeTarget(BridgeConnection connection) {
        this.connection = connection;
        this.tasks = new TaskDirectory(connection);
    }

    /**
     * Connects to {@code unix:PATH}, {@code tcp:HOST:PORT} or {@code serial:PATH} and greets the
     * agent, all within {@code timeout}, which then bounds every request.
     */
    public static BridgeTarget connect(String uri, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new BridgeTarget(BridgeConnection.open(uri, timeout));
    }

    public String endpoint() {
        return connection.endpoint();
    }

    /** What the agent said on connect (kernel, profile, flags, limits). */
    public HelloInfo hello() {
        return connection.hello();
    }

    /** The tasks with their wire ids, parents and counts, read now. */
    public List<TaskRecord> taskRecords() {
        return tasks.refresh();
    }

    @Override
    public TargetInfo info() {
        HelloInfo h = connection.hello();
        List<TaskInfo> list = new ArrayList<>();
        for (TaskRecord t : tasks.refresh()) {
            list.add(new TaskInfo(t.name(), t.id(), t.threads(), t.validCaps(), t.generation()));
        }
        return new TargetInfo(connection.endpoint(), h.kernel(), h.profile().isEmpty() ? null : h.profile(),
                h.agentVersion(), h.protocolVersion(), h.restoreAllowed(), list);
    }

    @Override
    public long generation(String task) {
        return tasks.withTask(task, connection::generation);
    }

    @Override
    public BitSet validity(String task, int first, int last) {
        return tasks.withTask(task, id -> connection.validity(id, first, last));
    }

    @Override
    public List<CapInfo> capInfos(String task, int first, int last) {
        return tasks.withTask(task, id -> connection.capInfos(id, first, last));
    }

    @Override
    public List<ThreadInfo> threads(String task) {
        return tasks.withTask(task, connection::threads);
    }

    /**
     * The whole cap map 0..4095, page by page (the native parser checked that each page moves
     * forward). Pages are separate requests: a target changing in between gives a torn list, which
     * the walker's generation check before and after a walk catches.
     */
    @Override
    public List<CapMapEntry> capMap(String task) {
        return tasks.withTask(task, id -> {
            List<CapMapEntry> all = new ArrayList<>();
            int first = 0;
            while (true) {
                CapMapPage p = connection.capMapPage(id, first, 4095);
                all.addAll(p.entries());
                if (p.complete()) {
                    return all;
                }
                first = p.next();
            }
        });
    }

    @Override
    public OperationResult apply(String task, RestoreOperation operation) {
        Objects.requireNonNull(operation, "operation");
        return tasks.withTask(task, id -> OperationApplier.apply(connection, id, operation));
    }

    @Override
    public void close() {
        connection.close();
    }
}
