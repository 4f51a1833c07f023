package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.error.HostErrorException;
import dev.speckitty.orchestrator.client.model.AppendHistoryRequest;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.host.HostEvent;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostExecutable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** argv-only process launching, no option injection, no secret in files, user-only file permissions. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecurityTest {
    private static final String SECRET = "sk-ant-api03-RELIABILITYtestSECRET0123456789abcdef";

    /** Shell invocations and the string forms of Runtime.exec, which split on spaces and invite a shell. */
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\"(/bin/|/usr/bin/)?(ba|z|da)?sh\"\\s*,\\s*\"-c\""),
            Pattern.compile("\"cmd(\\.exe)?\"\\s*,\\s*\"/[cC]\""),
            Pattern.compile("\\.exec\\(\\s*\"[^\"]*\"\\s*\\)"),
            Pattern.compile("Runtime\\.getRuntime\\(\\)\\.exec\\("),
            Pattern.compile("\"(sh|bash) -c"));

    @TempDir
    Path work;

    @Test
    void noProductionClassStartsAShell() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path module : dirs.filter(d -> d.getFileName().toString().startsWith("orchestrator-")).toList()) {
                Path main = module.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                    }
                }
            }
        }
        assertThat(sources).as("production sources found under %s", root).hasSizeGreaterThan(50);
        List<String> hits = new ArrayList<>();
        for (Path f : sources) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            for (Pattern p : FORBIDDEN) {
                if (p.matcher(text).find()) {
                    hits.add(root.relativize(f) + " matches " + p);
                }
            }
        }
        assertThat(hits).as("shell or string-form exec in production code").isEmpty();
    }

    @Test
    void theScanWouldCatchAShell() {
        // guards the patterns themselves: each forbidden form is recognised
        List<String> samples = List.of("new ProcessBuilder(\"sh\", \"-c\", cmd)",
                "List.of(\"/bin/bash\", \"-c\", line)", "Runtime.getRuntime().exec(line)", "rt.exec(\"git status\")",
                "List.of(\"cmd.exe\", \"/c\", x)");
        for (String s : samples) {
            assertThat(FORBIDDEN.stream().anyMatch(p -> p.matcher(s).find())).as(s).isTrue();
        }
    }

    @Test
    void notesSlugsAndIdsThatLookLikeOptionsStayValues() {
        try (Harness h = new Harness(work, Harness.fanOut3())
                .executableHost(Duration.ofSeconds(30), "[]")) {
            OrchestratorClient c = h.client;
            String mission = h.mission.directoryName();
            c.appendHistory(AppendHistoryRequest.of(mission, "WP01", "rel-test", "--force"));
            c.appendHistory(AppendHistoryRequest.of(mission, "WP01", "rel-test", "--to=done --force"));
            List<String> notes = h.host.events(mission).stream().map(HostEvent::note)
                    .flatMap(o -> o.stream()).toList();
            // the host stores "- [time] actor: note": the whole argument arrived as the note
            assertThat(notes).anyMatch(n -> n.endsWith("rel-test: --force"))
                    .anyMatch(n -> n.endsWith("rel-test: --to=done --force"));
            assertThat(h.host.lane(mission, "WP01").wireValue()).isEqualTo("planned");
            // a mission selector or WP id that looks like an option is a (missing) value, not an option
            assertThatThrownBy(() -> c.missionState("--help")).isInstanceOf(RuntimeException.class)
                    .hasMessageContaining("--help");
            assertThatThrownBy(() -> c.appendHistory(AppendHistoryRequest.of(mission, "--force", "rel-test", "x")))
                    .isInstanceOf(RuntimeException.class).hasMessageContaining("--force");
        }
    }

    @Test
    void secretsFromTheEnvironmentNeverReachStateOrLogs() throws IOException {
        try (Harness h = new Harness(work, Harness.fanOut3()).inProcessHost(Duration.ofSeconds(10), List.of())) {
            // the agent echoes its key on stdout and stderr, as a careless CLI might
            AgentScenario leaky = AgentScenario.builder().defaults(AgentBehavior.builder()
                    .stdoutText("debug: ANTHROPIC_API_KEY=" + SECRET).stderrText("auth header x-api-key: " + SECRET)
                    .build()).build();
            Map<String, String> env = Map.of("ANTHROPIC_API_KEY", SECRET);
            RunReport report = h.run(h.options(List.of("impl"), List.of("rev")).build(),
                    List.of(h.agent("impl", leaky, SimulatedHostExecutable.scriptedAgentPath().toString(), env),
                            h.agent("rev", leaky, SimulatedHostExecutable.scriptedAgentPath().toString(), env)));
            assertThat(report.status()).as(report.failureReason().orElse("")).isEqualTo(RunStatus.COMPLETED);

            List<Path> written = new ArrayList<>();
            written.add(work.resolve("run-state.json"));
            try (Stream<Path> logs = Files.walk(work.resolve("logs"))) {
                logs.filter(Files::isRegularFile).forEach(written::add);
            }
            assertThat(written).hasSizeGreaterThan(3);
            for (Path f : written) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                assertThat(text).as("secret in %s", f).doesNotContain(SECRET).doesNotContain("RELIABILITYtestSECRET");
            }
            String events = h.events.toString();
            assertThat(events).doesNotContain(SECRET);

            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> userOnly = Set.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE);
                for (Path f : written) {
                    assertThat(Files.getPosixFilePermissions(f)).as("permissions of %s", f)
                            .isSubsetOf(userOnly);
                }
            }
        }
    }
}
