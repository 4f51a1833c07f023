package dev.speckitty.orchestrator.testkit.agent;

import java.nio.file.Path;
import java.util.List;

/** Ways to start the scripted agent. Stateless and thread-safe. */
public final class ScriptedAgents {
    private ScriptedAgents() {}

    /**
     * Returns an argv that runs {@link ScriptedAgentMain} with the JVM and class path of the current process: for
     * tests that run where the test kit's classes are on the class path but the {@code bin/scripted-agent}
     * launcher has not been built. Append agent arguments (e.g. {@code --scenario <file>}) to a copy.
     *
     * @return {@code [<java.home>/bin/java, -XX:TieredStopAtLevel=1, -cp, <java.class.path>, <main class>]}
     */
    public static List<String> javaCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ScriptedAgentMain.class.getName());
    }
}
