package dev.speckitty.orchestrator.testkit.host.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Exclusive locks that work across threads of one JVM and across processes: an in-JVM lock per file (a
 * {@link FileChannel#lock()} held twice by one JVM throws) plus the OS file lock. Re-entrant per thread.
 */
public final class FileLocks {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private FileLocks() {}

    /**
     * Runs an action while holding the lock file.
     *
     * @param lockFile the lock file (created with its parent directories when missing)
     * @param action the action
     * @param <T> the result type
     * @return the action's result
     */
    public static <T> T withLock(Path lockFile, Supplier<T> action) {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock lock = LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return action.get();
            }
            Files.createDirectories(key.getParent());
            try (FileChannel ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock fileLock = ch.lock();
                try {
                    return action.get();
                } finally {
                    fileLock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + key + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
