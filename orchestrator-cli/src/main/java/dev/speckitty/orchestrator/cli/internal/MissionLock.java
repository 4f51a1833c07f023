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
 * {@code .kittify/orchestrator-<mission>.lock}, whose content is JSON {@code {pid, mission, run_id, started_at}} so
 * that {@code abort} and a refused second orchestrator can name (and signal) the holder. The kernel drops the lock
 * when the holder dies, so a lock file left by a killed process is simply taken over. The file is never deleted
 * (deleting would let two processes lock two different inodes); it is emptied on release.
 */
final class MissionLock implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The recorded holder of a lock.
     *
     * @param pid the holder's process id
     * @param mission the mission
     * @param runId the run id
     * @param startedAt when it started (ISO-8601)
     */
    record Holder(long pid, String mission, String runId, String startedAt) {
    }

    private final FileChannel channel;
    private final FileLock lock;
    private final Optional<Holder> takenOverFrom;

    private MissionLock(FileChannel channel, FileLock lock, Optional<Holder> takenOverFrom) {
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
     * @throws CliException with {@link ExitCode#LOCKED} when another live orchestrator holds it
     */
    static MissionLock acquire(Path repoRoot, String mission, String runId, Instant now) {
        Path file = path(repoRoot, mission);
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
                Optional<Holder> h = read(file);
                throw new CliException(ExitCode.LOCKED, "another orchestrator is already running mission '" + mission
                        + "'" + h.map(x -> " (pid " + x.pid() + ", run " + x.runId() + ", started " + x.startedAt()
                        + ")").orElse("") + ". Wait for it, or stop it with: spec-kitty-orchestrator abort --mission "
                        + mission);
            }
            Optional<Holder> stale = read(file);
            ObjectNode n = JSON.createObjectNode();
            n.put("pid", ProcessHandle.current().pid());
            n.put("mission", mission);
            n.put("run_id", runId);
            n.put("started_at", now.toString());
            byte[] bytes = JSON.writeValueAsBytes(n);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(bytes), 0);
            ch.force(false);
            return new MissionLock(ch, l, stale);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot create the lock file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns who holds the mission's lock right now, or empty when nobody does (no file, an empty file, or a stale
     * file whose process is gone). Does not keep the lock.
     */
    static Optional<Holder> currentHolder(Path repoRoot, String mission) {
        Path file = path(repoRoot, mission);
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

    private static Optional<Holder> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            JsonNode n = JSON.readTree(text);
            return Optional.of(new Holder(n.path("pid").asLong(-1), n.path("mission").asText(""),
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
