package dev.speckitty.orchestrator.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speckitty.orchestrator.cli.ExitCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One orchestrator per mission: an OS file lock ({@link FileChannel#tryLock()}) on
 * {@code .kittify/orchestrator-<mission>.lock}, whose content is JSON {@code {pid, host, mission, run_id,
 * started_at}} so that {@code abort} and a refused second orchestrator can name (and signal) the holder. The kernel
 * drops the lock when the holder dies, so a lock file left by a killed process of this machine is simply taken over.
 * A lock file written on another machine (a project on a shared file system, where OS locks need not reach across
 * machines) is never taken over: its pid means nothing here, so this machine cannot tell whether that orchestrator
 * still runs; the user is told how to remove the file. The file is never deleted (deleting would let two processes
 * lock two different inodes); it is emptied on release.
 *
 * <p>POSIX record locks belong to the process and are dropped when <em>any</em> descriptor of the file is closed,
 * so while this process holds a lock it never opens the file again: it reads it through the locked channel, and
 * {@link #currentHolder} answers from memory for locks held here.
 */
final class MissionLock implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Locks held by this process, by lock file: never open those files again (see the class comment). */
    private static final java.util.Map<Path, Holder> HELD = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The recorded holder of a lock.
     *
     * @param pid the holder's process id
     * @param host the holder's host name, "" when the file predates host names
     * @param mission the mission
     * @param runId the run id
     * @param startedAt when it started (ISO-8601)
     */
    record Holder(long pid, String host, String mission, String runId, String startedAt) {
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Optional<Holder> takenOverFrom;

    private MissionLock(Path file, FileChannel channel, FileLock lock, Optional<Holder> takenOverFrom) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.takenOverFrom = takenOverFrom;
    }

    /** The lock file of a mission. */
    static Path path(Path repoRoot, String mission) {
        return repoRoot.resolve(".kittify").resolve("orchestrator-" + mission.replaceAll("[^A-Za-z0-9._-]", "_")
                + ".lock");
    }

    /**
     * Takes the mission's lock for this process.
     *
     * @throws CliException with {@link ExitCode#LOCKED} when another live orchestrator holds it, or the lock file
     *     names an orchestrator on another host
     */
    static MissionLock acquire(Path repoRoot, String mission, String runId, Instant now) {
        return acquire(repoRoot, mission, runId, now, hostName());
    }

    static MissionLock acquire(Path repoRoot, String mission, String runId, Instant now, String thisHost) {
        Path file = path(repoRoot, mission).toAbsolutePath().normalize();
        Holder mine = HELD.get(file);
        if (mine != null) {
            throw refused(mission, Optional.of(mine));
        }
        try {
            Files.createDirectories(file.getParent());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw refused(mission, read(file));
            }
            Optional<Holder> stale = parse(readThrough(ch));
            if (stale.isPresent() && !stale.get().host().isEmpty() && !stale.get().host().equals(thisHost)) {
                l.release();
                ch.close();
                throw otherHost(file, mission, stale.get(), thisHost);
            }
            ObjectNode n = JSON.createObjectNode();
            n.put("pid", ProcessHandle.current().pid());
            n.put("host", thisHost);
            n.put("mission", mission);
            n.put("run_id", runId);
            n.put("started_at", now.toString());
            byte[] bytes = JSON.writeValueAsBytes(n);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(bytes), 0);
            ch.force(false);
            HELD.put(file, new Holder(ProcessHandle.current().pid(), thisHost, mission, runId, now.toString()));
            return new MissionLock(file, ch, l, stale);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot create the lock file " + file + ": " + e.getMessage(), e);
        }
    }

    private static CliException otherHost(Path file, String mission, Holder h, String thisHost) {
        return new CliException(ExitCode.LOCKED, "the lock of mission '" + mission + "' (" + file + ") was taken on"
                + " another host, '" + h.host() + "' (pid " + h.pid() + ", run " + h.runId() + ", started "
                + h.startedAt() + "); this host ('" + thisHost + "') cannot tell whether that orchestrator still"
                + " runs, so the lock is not taken over. If none runs there any more (check on " + h.host()
                + " with: spec-kitty-orchestrator status --mission " + mission + "), delete the lock file and retry:"
                + " rm " + file);
    }

    /** This machine's host name as the lock records it; "" when it cannot be told. */
    static String hostName() {
        try {
            // the kernel's name: no DNS lookup (InetAddress.getLocalHost can block for seconds)
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel, StandardCharsets.UTF_8).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back below
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static CliException refused(String mission, Optional<Holder> h) {
        return new CliException(ExitCode.LOCKED, "another orchestrator is already running mission '" + mission
                + "'" + h.map(x -> " (pid " + x.pid() + ", run " + x.runId() + ", started " + x.startedAt()
                + (x.host().isEmpty() ? "" : ", host " + x.host()) + ")").orElse("") + ". Wait for it, or stop it with: spec-kitty-orchestrator abort --mission "
                + mission);
    }

    /**
     * Returns who holds the mission's lock right now, or empty when nobody does (no file, an empty file, or a stale
     * file whose process is gone). Does not keep the lock.
     */
    static Optional<Holder> currentHolder(Path repoRoot, String mission) {
        Path file = path(repoRoot, mission).toAbsolutePath().normalize();
        Holder mine = HELD.get(file);
        if (mine != null) {
            return Optional.of(mine);
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return read(file);
            }
            if (l != null) {
                l.release();
                return Optional.empty();
            }
            return read(file);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The stale holder whose lock file this process took over, if any. */
    Optional<Holder> takenOverFrom() {
        return takenOverFrom;
    }

    private static String readThrough(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size <= 0 || size > 64 * 1024) {
            return "";
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        long pos = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    /** Reads a lock file this process does not hold (only then is opening it again harmless). */
    private static Optional<Holder> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Holder> parse(String content) {
        try {
            String text = content.trim();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            JsonNode n = JSON.readTree(text);
            return Optional.of(new Holder(n.path("pid").asLong(-1), n.path("host").asText(""),
                    n.path("mission").asText(""),
                    n.path("run_id").asText(""), n.path("started_at").asText("")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Empties the file and releases the lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        HELD.remove(file);
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // the kernel releases the lock when the channel closes anyway
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
