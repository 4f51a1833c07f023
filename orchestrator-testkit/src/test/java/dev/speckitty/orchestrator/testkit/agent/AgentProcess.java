package dev.speckitty.orchestrator.testkit.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts {@link ScriptedAgentMain} as a real JVM process, the way an engine would run an agent CLI. */
class AgentProcess {
    final Map<String, String> env = new LinkedHashMap<>();
    final List<String> args = new ArrayList<>();
    Path cwd;
    byte[] stdin;

    /** The result of a finished run; stdout and stderr are kept as raw bytes. */
    record Result(int exitCode, byte[] stdoutBytes, byte[] stderrBytes) {
        String stdout() {
            return new String(stdoutBytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        String stderr() {
            return new String(stderrBytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    AgentProcess(Path cwd) {
        this.cwd = cwd;
    }

    AgentProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    AgentProcess identity(String wp, ScriptedRole role, int attempt) {
        return env("SPEC_KITTY_WP_ID", wp).env("SPEC_KITTY_ROLE", role.wireValue())
                .env("SPEC_KITTY_ATTEMPT", Integer.toString(attempt));
    }

    ProcessBuilder builder(Path stdoutFile, Path stderrFile) {
        List<String> argv = new ArrayList<>(ScriptedAgents.javaCommand());
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPEC_KITTY_") || k.startsWith("SCRIPTED_AGENT_"));
        pb.environment().putAll(env);
        if (stdoutFile != null) {
            pb.redirectOutput(stdoutFile.toFile());
        }
        if (stderrFile != null) {
            pb.redirectError(stderrFile.toFile());
        }
        return pb;
    }

    /** Runs to completion (bounded: 60 s), with stdout/stderr redirected to files so nothing can block. */
    Result run(Path scratch) throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        Process p = builder(out, err).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("scripted agent did not finish within 60 s: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
    }
}
