package dev.speckitty.orchestrator.cli.internal;

import java.nio.file.Path;
import java.time.Instant;

/** Test helper process: takes a mission lock, says so, and holds it until stdin closes. */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (MissionLock lock = MissionLock.acquire(Path.of(args[0]), args[1], "child-run", Instant.now())) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
        }
    }
}
