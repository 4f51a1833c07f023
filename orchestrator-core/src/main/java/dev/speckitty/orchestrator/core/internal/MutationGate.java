package dev.speckitty.orchestrator.core.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps host mutations of two different missions of one repository from running at once inside this JVM (the host
 * commits both through the main checkout and corrupts its index otherwise). Mutations of one mission may overlap.
 */
public final class MutationGate {
    private static final Map<Path, MutationGate> GATES = new ConcurrentHashMap<>();

    private String mission;
    private int holders;

    private MutationGate() {}

    /**
     * Returns the gate of a repository.
     *
     * @param projectRoot the project root
     * @return the shared gate
     */
    public static MutationGate forRoot(Path projectRoot) {
        return GATES.computeIfAbsent(projectRoot.toAbsolutePath().normalize(), k -> new MutationGate());
    }

    /**
     * Waits until no other mission mutates, then enters for this one.
     *
     * @param missionKey the mission
     * @throws InterruptedException when interrupted while waiting
     */
    public synchronized void enter(String missionKey) throws InterruptedException {
        while (holders > 0 && !missionKey.equals(mission)) {
            wait();
        }
        mission = missionKey;
        holders++;
    }

    /** Leaves (must pair with a successful {@link #enter}). */
    public synchronized void exit() {
        holders--;
        if (holders <= 0) {
            holders = 0;
            mission = null;
            notifyAll();
        }
    }
}
