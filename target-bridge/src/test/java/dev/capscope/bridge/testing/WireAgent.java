package dev.capscope.bridge.testing;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.model.TaskInfo;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.target.CapInfo;
import dev.capscope.core.target.OperationResult;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.Target;
import dev.capscope.core.target.TargetException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static dev.capscope.bridge.testing.WireNumbers.*;

/**
 * A second, independent implementation of the agent side of docs/protocol.md, in Java, serving
 * any {@link Target} (usually core's InMemoryTarget) on a Unix socket. It lets the bridge be
 * checked against the document rather than against capsim alone, and plays faults on demand:
 * silence, garbage, a connection cut mid-frame, lying counts.
 */
public final class WireAgent implements AutoCloseable {
    public enum Fault { SILENT, GARBAGE, CUT_MID_FRAME, LYING_COUNT }

    private static final String[] KINDS = {
            null, "TASK", "THREAD", "IPC_GATE", "IRQ_SENDER", "IRQ_SEMAPHORE", "FACTORY", "SCHEDULER", "VLOG",
            "ICU", "VM", "JDB", "DMA_SPACE", "SEMAPHORE", "IOMMU"};

    private final Target target;
    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Map<Integer, Fault> faults = new ConcurrentHashMap<>();
    private volatile int capMapPageSize = Integer.MAX_VALUE;
    private volatile boolean armored;
    private final Thread acceptor;
    private volatile RestoreLease lease; // the target's lease while a client holds it (LEASE_ACQUIRE)
    private volatile String token; // null: a target without a token

    public WireAgent(Target target) throws IOException {
        this.target = target;
        this.dir = Files.createTempDirectory("wire-agent-");
        this.socket = dir.resolve("agent.sock");
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = new Thread(this::acceptLoop, "wire-agent");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String uri() {
        return "unix:" + socket;
    }

    /** From now on, requests with this opcode get the fault instead of an answer. */
    public WireAgent fault(int opcode, Fault fault) {
        faults.put(opcode, fault);
        return this;
    }

    /** Require this token on every connection, as capsim --token does (protocol.md §3 0x08). */
    public WireAgent token(String required) {
        token = required;
        return this;
    }

    /** Speak the armored serial framing (protocol §6.1), as a QEMU serial line on a Unix socket would. */
    public WireAgent armored() {
        armored = true;
        return this;
    }

    /** At most this many cap-map entries per CAP_MAP answer, to exercise paging. */
    public WireAgent capMapPageSize(int n) {
        capMapPageSize = n;
        return this;
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                Thread t = new Thread(() -> serve(ch), "wire-agent-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel ch) {
        if (armored) {
            serveArmored(ch);
            return;
        }
        boolean authed = false;
        try (ch) {
            while (true) {
                ByteBuffer hdr = readFully(ch, PROTO_HEADER_SIZE);
                if (hdr == null) {
                    return;
                }
                int opcode = Short.toUnsignedInt(hdr.getShort(PROTO_OFF_OPCODE));
                int id = hdr.getInt(PROTO_OFF_ID);
                ByteBuffer req = readFully(ch, hdr.getInt(PROTO_OFF_LENGTH));
                if (req == null) {
                    return;
                }
                Refusal refusal = ProtocolRules.check(opcode, req.duplicate().order(ByteOrder.LITTLE_ENDIAN), token,
                        authed, target.info().restoreAllowed());
                if (refusal != null) {
                    Frame e = new Frame();
                    e.i32(0).str(refusal.message());
                    ByteBuffer out = e.frame(opcode, id, refusal.status());
                    while (out.hasRemaining()) {
                        ch.write(out);
                    }
                    if (refusal.closes()) {
                        return;
                    }
                    continue;
                }
                if (opcode == OP_AUTH) { // passed the rules: accepted, empty answer
                    authed = true;
                    ByteBuffer out = new Frame().frame(opcode, id, 0);
                    while (out.hasRemaining()) {
                        ch.write(out);
                    }
                    continue;
                }
                Fault fault = faults.get(opcode);
                if (fault == Fault.SILENT) {
                    while (readFully(ch, 1) != null) {
                        // hold the connection, answer nothing
                    }
                    return;
                }
                if (fault == Fault.GARBAGE) {
                    ch.write(ByteBuffer.wrap("<html>502 Bad Gateway</html>\r\n".getBytes(StandardCharsets.US_ASCII)));
                    continue;
                }
                Frame f = new Frame();
                int status = ST_OK;
                try {
                    answer(opcode, req, f, fault == Fault.LYING_COUNT);
                } catch (TargetException e) {
                    f = new Frame();
                    status = status(e);
                    f.i32(0).str(e.getMessage());
                }
                ByteBuffer out = f.frame(opcode, id, status);
                if (fault == Fault.CUT_MID_FRAME) {
                    out.limit(Math.min(out.limit(), PROTO_HEADER_SIZE + 5));
                    ch.write(out);
                    return;
                }
                while (out.hasRemaining()) {
                    ch.write(out);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a test fault or the client went away: drop the connection like the agent does
        }
    }

    /** Serial mode: frames arrive and leave as armored lines; noise on the line is skipped. */
    private void serveArmored(SocketChannel ch) {
        try (ch; InputStream in = Channels.newInputStream(ch); OutputStream out = Channels.newOutputStream(ch)) {
            byte[] request;
            while ((request = ArmoredLines.next(in)) != null) {
                ByteBuffer req = ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN);
                int opcode = Short.toUnsignedInt(req.getShort(PROTO_OFF_OPCODE));
                int id = req.getInt(PROTO_OFF_ID);
                Frame f = new Frame();
                int status = ST_OK;
                try {
                    answer(opcode, req.position(PROTO_HEADER_SIZE).slice().order(ByteOrder.LITTLE_ENDIAN), f, false);
                } catch (TargetException e) {
                    f = new Frame();
                    status = status(e);
                    f.i32(0).str(e.getMessage());
                }
                ByteBuffer frame = f.frame(opcode, id, status);
                byte[] bytes = new byte[frame.remaining()];
                frame.get(bytes);
                out.write("kernel: noise on the console\n".getBytes(StandardCharsets.US_ASCII));
                out.write(ArmoredLines.encode(bytes));
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        }
    }

    /** The wire status for a port failure (docs/protocol.md §2). */
    private static int status(TargetException e) {
        return switch (e.code()) {
            case REFUSED -> ST_REFUSED;
            case LEASE_HELD -> ST_LEASE_HELD;
            case GENERATION_MOVED -> ST_GENERATION_MOVED;
            default -> String.valueOf(e.getMessage()).startsWith("no task ") ? ST_NO_SUCH_TASK : ST_L4_ERROR;
        };
    }

    private static ByteBuffer readFully(SocketChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                return null;
            }
        }
        return b.flip();
    }

    private String taskName(int id) {
        List<TaskInfo> tasks = target.info().tasks();
        if (id < 1 || id > tasks.size()) {
            throw new TargetException(TargetException.Code.REJECTED, "no task " + id);
        }
        return tasks.get(id - 1).name();
    }

    private void answer(int opcode, ByteBuffer req, Frame f, boolean lie) {
        switch (opcode) {
            case OP_HELLO -> {
                TargetInfo info = target.info();
                f.u16(PROTO_VERSION).u16(PROTO_LAST_SELECTOR)
                        .u32((info.restoreAllowed() ? HELLO_RESTORE_ALLOWED : 0) | HELLO_EQUAL_IDENTITY
                                | HELLO_OBJECT_KINDS | HELLO_SIMULATED | (token != null ? HELLO_TOKEN_REQUIRED : 0))
                        .u32(PROTO_MAX_RESPONSE_PAYLOAD).u32(PROTO_MAX_REQUEST_PAYLOAD).u16(PROTO_MAX_IN_FLIGHT)
                        .u16(info.tasks().size()).str(info.kernel()).str(info.profile()).str("wire-agent 1");
            }
            case OP_TASKS -> {
                List<TaskInfo> tasks = target.info().tasks();
                f.u16(tasks.size() + (lie ? 1000 : 0));
                for (int i = 0; i < tasks.size(); i++) {
                    TaskInfo t = tasks.get(i);
                    f.u32(i + 1).u32(0).u32((int) PROTO_UNKNOWN_ID).u16(t.threadCount()).u16(t.validCaps()).u64(t.generation())
                            .str(t.name());
                }
            }
            case OP_GENERATION -> {
                int count = Short.toUnsignedInt(req.getShort(0));
                f.u16(count);
                for (int i = 0; i < count; i++) {
                    int id = req.getInt(2 + 4 * i);
                    f.u32(id).u64(target.generation(taskName(id)));
                }
            }
            case OP_VALIDITY -> {
                String task = taskName(req.getInt(0));
                int first = Short.toUnsignedInt(req.getShort(4));
                int last = Short.toUnsignedInt(req.getShort(6));
                BitSet bits = target.validity(task, first, last);
                byte[] bytes = new byte[(last - first + 1 + 7) / 8];
                byte[] set = bits.toByteArray();
                System.arraycopy(set, 0, bytes, 0, Math.min(set.length, bytes.length));
                f.u32(req.getInt(0)).u64(target.generation(task)).u16(first).u16(last).bytes(bytes);
            }
            case OP_CAP_INFOS -> {
                String task = taskName(req.getInt(0));
                List<CapInfo> infos = target.capInfos(task, Short.toUnsignedInt(req.getShort(4)),
                        Short.toUnsignedInt(req.getShort(6)));
                f.u32(req.getInt(0)).u64(target.generation(task)).u16(infos.size() + (lie ? 3 : 0));
                for (CapInfo c : infos) {
                    int kind = wireKind(c.kind());
                    int flags = (kind != KIND_UNKNOWN ? CAPINFO_KIND_KNOWN : 0) | (c.label() != null ? CAPINFO_LABEL_VALID : 0)
                            | (c.mappingCount() >= 0 ? CAPINFO_MAPPINGS_KNOWN : 0);
                    f.u16(c.selector()).u8(kind).u8(c.rights().mask()).u32((int) c.objectId())
                            .u64(c.label() == null ? 0 : c.label()).u32(Math.max(0, c.mappingCount())).u8(flags)
                            .u8(0).u8(0).u8(0);
                }
            }
            case OP_THREADS -> {
                String task = taskName(req.getInt(0));
                List<ThreadInfo> threads = target.threads(task);
                f.u32(req.getInt(0)).u64(target.generation(task)).u16(threads.size());
                for (ThreadInfo t : threads) {
                    f.u16(t.index()).u16(0xc + 5 * t.index()).u8(5)
                            .u8(t.state().equals("running") ? THREAD_RUNNING : THREAD_STOPPED).str(t.name());
                }
            }
            case OP_CAP_MAP -> {
                String task = taskName(req.getInt(0));
                int first = Short.toUnsignedInt(req.getShort(4));
                int last = Short.toUnsignedInt(req.getShort(6));
                List<CapMapEntry> page = target.capMap(task).stream()
                        .filter(e -> e.index() >= first && e.index() <= last).toList();
                int next = PROTO_CAPMAP_DONE;
                if (page.size() > capMapPageSize) {
                    next = page.get(capMapPageSize).index();
                    page = page.subList(0, capMapPageSize);
                }
                f.u32(req.getInt(0)).u64(target.generation(task)).u16(page.size()).u16(next);
                for (CapMapEntry e : page) {
                    Semantics s = e.semantics();
                    int flags = (e.hasBadge() ? 0 : CAPMAP_FLAG_RCV_WINDOW) | (s.label() != null ? CAPMAP_FLAG_SESSION : 0)
                            | (s.equals(Semantics.NONE) ? 0 : CAPMAP_FLAG_SEMANTICS);
                    f.u16(e.index()).u16((int) e.rawId()).u8(e.refCount()).u8(flags).u32(0)
                            .u64(s.quota() == null ? 0 : s.quota())
                            .str(s.rpcInterface()).str(s.label()).str(s.args()).str(s.server());
                }
            }
            case OP_UNMAP -> gen(f, req.getInt(0), new RestoreOperation.Unmap(Short.toUnsignedInt(req.getShort(4))));
            case OP_MAP_COPY -> gen(f, req.getInt(0), req.get(14) == 1
                    ? new RestoreOperation.Grant(Short.toUnsignedInt(req.getShort(8)),
                            Short.toUnsignedInt(req.getShort(10)), new Rights(req.get(13)))
                    : new RestoreOperation.MapCopy(Short.toUnsignedInt(req.getShort(8)),
                            Short.toUnsignedInt(req.getShort(10)), new Rights(req.get(13))));
            case OP_CREATE_SESSION -> {
                int task = req.getInt(0);
                int sel = Short.toUnsignedInt(req.getShort(4));
                long quota = req.getLong(6);
                req.position(14);
                Semantics s = new Semantics(str(req), str(req), str(req), str(req), quota == 0 ? null : quota);
                OperationResult r = target.apply(taskName(task), new RestoreOperation.CreateSession(sel, s, null));
                f.u16(r.newBadge() == null ? 0 : r.newBadge().intValue()).u32(0).u64(target.generation(taskName(task)));
            }
            case OP_CLEAR_CAPMAP_ENTRY -> gen(f, req.getInt(0), new RestoreOperation.ClearCapMapEntry(Short.toUnsignedInt(req.getShort(4))));
            case OP_LEASE_ACQUIRE -> {
                lease = target.acquireLease(taskName(req.getInt(0)), req.getLong(4));
                f.u64(lease.generation());
            }
            case OP_LEASE_RELEASE -> {
                RestoreLease held = lease;
                lease = null;
                if (held != null) {
                    held.close();
                }
            }
            case OP_CLOSE_SESSION -> gen(f, req.getInt(0), new RestoreOperation.CloseSession(Short.toUnsignedInt(req.getShort(4))));
            default -> throw new TargetException(TargetException.Code.REJECTED, "opcode not served by the test agent");
        }
    }

    private void gen(Frame f, int task, RestoreOperation op) {
        target.apply(taskName(task), op);
        f.u64(target.generation(taskName(task)));
    }

    private static String str(ByteBuffer b) {
        int n = Short.toUnsignedInt(b.getShort());
        byte[] s = new byte[n];
        b.get(s);
        return n == 0 ? null : new String(s, StandardCharsets.UTF_8);
    }

    /** The wire number of a kind (KIND_UNKNOWN for one the table does not name). */
    public static int wireKind(ObjectKind k) {
        for (int i = KIND_UNKNOWN + 1; i < KINDS.length; i++) {
            if (KINDS[i].equals(k.name())) {
                return i;
            }
        }
        return KIND_UNKNOWN;
    }

    /** An error the rules of the protocol give before the request reaches the target. */
    record Refusal(int status, String message, boolean closes) {
    }

    /** A little-endian frame under construction. */
    private static final class Frame {
        private final ByteBuffer p = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

        Frame u8(int v) { p.put((byte) v); return this; }
        Frame u16(int v) { p.putShort((short) v); return this; }
        Frame u32(int v) { p.putInt(v); return this; }
        Frame i32(int v) { p.putInt(v); return this; }
        Frame u64(long v) { p.putLong(v); return this; }
        Frame bytes(byte[] b) { p.put(b); return this; }

        Frame str(String s) {
            byte[] b = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
            return u16(b.length).bytes(b);
        }

        ByteBuffer frame(int opcode, int id, int status) {
            p.flip();
            ByteBuffer out = ByteBuffer.allocate(PROTO_HEADER_SIZE + p.remaining()).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(PROTO_MAGIC).putShort((short) PROTO_VERSION).putShort((short) opcode).putInt(id).putShort((short) status)
                    .putShort((short) 0).putInt(p.remaining()).put(p);
            return out.flip();
        }
    }
}
