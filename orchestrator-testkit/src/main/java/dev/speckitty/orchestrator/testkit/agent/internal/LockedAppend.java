package dev.speckitty.orchestrator.testkit.agent.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends one line to a file shared by concurrent processes, under an exclusive file lock. */
public final class LockedAppend {
    private LockedAppend() {}

    /**
     * Appends {@code line} and a newline in one write while holding an exclusive lock on the file.
     *
     * @param file the file; created with its parent directories if missing
     * @param line the line (without newline)
     * @throws IOException if the write fails
     */
    @SuppressWarnings("try") // the lock is held for the duration of the block, never read
    public static void appendLine(Path file, String line) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
                FileLock lock = ch.lock()) {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
        }
    }
}
