package dev.speckitty.orchestrator.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The root launcher script starts the freshly built jar without rebuilding it. */
class LauncherScriptIT {

    @Test
    void launcherRunsTheBuiltJar() throws Exception {
        Path script = Path.of("..", "spec-kitty-orchestrator").toAbsolutePath().normalize();
        assertThat(script).isExecutable();
        assertThat(Files.readString(script)).startsWith("#!/bin/sh").contains("-XX:TieredStopAtLevel=1",
                "./mvnw -q -B -DskipTests package -pl orchestrator-cli -am");
        // this build just packaged the jar (the shade plugin may have left an unchanged file with an old time)
        Files.setLastModifiedTime(CliProcess.jar(), java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        Process p = new ProcessBuilder(script.toString(), "--version").redirectErrorStream(false).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out + err).isZero();
        assertThat(out).startsWith("spec-kitty-orchestrator ");
        // the jar was just built by this build, so the script must not rebuild it
        assertThat(err).doesNotContain("building the CLI");
    }
}
