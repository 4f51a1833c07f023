package dev.speckitty.orchestrator.core.agent;

import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/** Shared test data: invocations, run outputs and fake-agent scripts. */
final class Fixtures {
    static final Path WORKSPACE = Path.of("/work/lanes/lane-a");
    static final Path PROMPT_FILE = Path.of("/work/.kittify/prompts/WP01-implementer-1.md");
    static final Path VERDICT_FILE = Path.of("/work/.kittify/verdicts/WP01-1.json");
    static final String PROMPT = "Implement WP01: add the parser.\nRun the tests.";

    private Fixtures() {}

    static AgentInvocation.Builder invocation(AgentRole role) {
        return AgentInvocation.builder()
                .role(role)
                .mission("001-demo")
                .wpId("WP01")
                .attempt(1)
                .workspace(WORKSPACE)
                .promptFile(PROMPT_FILE)
                .prompt(PROMPT)
                .verdictFile(VERDICT_FILE);
    }

    static AgentInvocation implementer() {
        return invocation(AgentRole.IMPLEMENTER).build();
    }

    static AgentRunOutput output(int exit, String stdout, String stderr) {
        return AgentRunOutput.builder().exitCode(exit).stdout(stdout).stderr(stderr).duration(Duration.ofSeconds(3))
                .build();
    }

    /** Writes an executable POSIX sh script. */
    static Path script(Path dir, String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + String.join("\n", List.of(lines)) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
