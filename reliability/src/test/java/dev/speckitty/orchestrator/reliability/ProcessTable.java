package dev.speckitty.orchestrator.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Scans the process table (Linux {@code /proc}) for processes carrying a test's marker: in their environment
 * ({@link CliProcess#MARKER_VARIABLE}, inherited by everything the CLI starts) or on their command line. Finds orphans
 * too, whose parent is gone.
 */
final class ProcessTable {
    static final String AGENT_MAIN = "ScriptedAgentMain";
    static final String HOST_MAIN = "SimulatedHostMain";

    /** One live process of the test. */
    record Proc(long pid, long parent, String commandLine) {
        boolean agent() {
            return commandLine.contains(AGENT_MAIN);
        }

        boolean host() {
            return commandLine.contains(HOST_MAIN);
        }

        boolean git() {
            return commandLine.startsWith("git ") || commandLine.contains("/git ");
        }

        /** A short kind for reports: agent, host, git, or the executable's name. */
        String kind() {
            if (agent()) {
                return "agent";
            }
            if (host()) {
                return "host";
            }
            if (git()) {
                return "git";
            }
            String first = commandLine.split(" ", 2)[0];
            return first.substring(first.lastIndexOf('/') + 1);
        }

        /** Kind plus what it works on: {@code host:start-review:WP02}, {@code agent:implementer:WP03}, {@code git}. */
        String describe() {
            if (host()) {
                return "host:" + hostCommand(commandLine).orElse("?") + wpOption(commandLine).map(w -> ":" + w)
                        .orElse("");
            }
            if (agent()) {
                String env = environment(pid).orElse("");
                return "agent:" + variable(env, "SPEC_KITTY_ROLE") + ":" + variable(env, "SPEC_KITTY_WP_ID");
            }
            return kind();
        }
    }

    /** The orchestrator-api command of a simulated host command line ({@code start-review}, ...). */
    static Optional<String> hostCommand(String commandLine) {
        String[] parts = commandLine.split(" ");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals("orchestrator-api")) {
                return Optional.of(parts[i + 1]);
            }
            if (parts[i].equals("agent") && parts[i + 1].equals("tasks")) {
                return Optional.of("mark-status");
            }
        }
        return Optional.empty();
    }

    /** The {@code --wp=WPnn} value of a host command line. */
    static Optional<String> wpOption(String commandLine) {
        for (String part : commandLine.split(" ")) {
            if (part.startsWith("--wp=")) {
                return Optional.of(part.substring("--wp=".length()));
            }
        }
        return Optional.empty();
    }

    private static String variable(String env, String name) {
        int i = env.indexOf("\n" + name + "=");
        if (i < 0) {
            return "?";
        }
        int start = i + name.length() + 2;
        return env.substring(start, env.indexOf('\n', start));
    }

    private ProcessTable() {
    }

    /** Live processes whose environment or command line carries {@code marker}, this JVM excluded. */
    static List<Proc> withMarker(String marker) {
        String env = CliProcess.MARKER_VARIABLE + "=" + marker;
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(h -> h.pid() != self && h.isAlive())
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false)
                        || environment(h.pid()).map(e -> e.contains("\n" + env + "\n")).orElse(false))
                .map(h -> new Proc(h.pid(), h.parent().map(ProcessHandle::pid).orElse(-1L),
                        h.info().commandLine().orElse("?")))
                .filter(p -> ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false))
                .toList();
    }

    /**
     * The NUL-separated environment of a process of this user, NULs turned into newlines (and one added before and
     * after, so that a whole variable can be matched); empty when unreadable.
     */
    static Optional<String> environment(long pid) {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            return Optional.of("\n" + new String(b, StandardCharsets.UTF_8).replace('\0', '\n') + "\n");
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
