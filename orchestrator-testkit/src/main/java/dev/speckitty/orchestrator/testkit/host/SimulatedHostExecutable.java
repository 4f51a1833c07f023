package dev.speckitty.orchestrator.testkit.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the launcher scripts the test kit's build writes: {@code orchestrator-testkit/target/spec-kitty-sim/bin/
 * spec-kitty} (the simulated host) and {@code …/bin/scripted-agent}. They are POSIX sh scripts that run
 * {@code java -cp <classpath> <main> "$@"}, so any orchestrator (Java or not) can run them as real processes.
 *
 * <p>Lookup order: the system property ({@value #HOST_PROPERTY} / {@value #AGENT_PROPERTY}; the test kit's
 * surefire configuration sets both, other modules can set them to
 * {@code ${maven.multiModuleProjectDirectory}/orchestrator-testkit/target/spec-kitty-sim/bin/spec-kitty}), then
 * {@code orchestrator-testkit/target/spec-kitty-sim/bin/<name>} or {@code target/spec-kitty-sim/bin/<name>} in the
 * working directory and its parents. Build them with {@code ./mvnw -pl orchestrator-testkit -am process-classes}.
 */
public final class SimulatedHostExecutable {
    /** System property naming the simulated {@code spec-kitty} script. */
    public static final String HOST_PROPERTY = "speckitty.sim.executable";
    /** System property naming the {@code scripted-agent} script. */
    public static final String AGENT_PROPERTY = "speckitty.sim.agent";

    private SimulatedHostExecutable() {}

    /**
     * Returns the simulated {@code spec-kitty} executable.
     *
     * @return the absolute path
     * @throws IllegalStateException when it cannot be found, saying how to build it
     */
    public static Path path() {
        return find(HOST_PROPERTY, "spec-kitty");
    }

    /**
     * Returns the {@code scripted-agent} executable.
     *
     * @return the absolute path
     * @throws IllegalStateException when it cannot be found, saying how to build it
     */
    public static Path scriptedAgentPath() {
        return find(AGENT_PROPERTY, "scripted-agent");
    }

    /**
     * Returns the directory holding both scripts, to put first on an agent's {@code PATH}.
     *
     * @return the {@code bin} directory
     */
    public static Path binDirectory() {
        return path().getParent();
    }

    private static Path find(String property, String name) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank() && Files.isExecutable(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath();
        }
        Optional<Path> found = Optional.empty();
        for (Path d = Path.of("").toAbsolutePath(); d != null && found.isEmpty(); d = d.getParent()) {
            for (Path candidate : new Path[] {
                d.resolve("orchestrator-testkit/target/spec-kitty-sim/bin").resolve(name),
                d.resolve("target/spec-kitty-sim/bin").resolve(name)}) {
                if (Files.isExecutable(candidate)) {
                    found = Optional.of(candidate);
                    break;
                }
            }
        }
        return found.orElseThrow(() -> new IllegalStateException("the simulated " + name + " script was not found"
                + (configured == null ? "" : " (system property " + property + "=" + configured + " is not executable)")
                + "; build it with ./mvnw -pl orchestrator-testkit -am process-classes"));
    }
}
