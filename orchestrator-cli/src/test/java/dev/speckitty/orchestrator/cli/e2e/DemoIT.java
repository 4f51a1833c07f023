package dev.speckitty.orchestrator.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} from the shaded jar alone: simulated host and scripted agents run from the jar itself. */
class DemoIT {
    @TempDir
    Path tmp;

    @Test
    void demoRunsToDoneAndKeepsTheProject() throws Exception {
        CliProcess demo = CliProcess.run(tmp, tmp.resolve("out"), "demo", "demo", "--dir", tmp.resolve("demo")
                .toString(), "--work-packages", "3", "--agent-millis", "50", "--max-concurrent", "3");
        assertThat(demo.exitCode()).as(demo.describe()).isEqualTo(ExitCode.OK);
        String out = demo.out();
        assertThat(out).contains("Demo project:", "completed", "The demo project is kept at", "lane branches:");
        // the scenario's rejected review, rate-limit retry and auth fallback all happened
        assertThat(out).containsIgnoringCase("changes_requested").containsIgnoringCase("fall");
        Matcher m = Pattern.compile("The demo project is kept at (\\S+)").matcher(out);
        assertThat(m.find()).isTrue();
        Path root = Path.of(m.group(1));
        assertThat(root.resolve("kitty-specs")).isDirectory();
        Path bin = tmp.resolve("demo/bin/spec-kitty");
        assertThat(Files.readString(bin)).contains(CliProcess.jar().getFileName().toString(), "SimulatedHostMain");
        try (Stream<Path> logs = Files.list(root.resolve(".kittify/logs"))) {
            List<Path> runs = logs.toList();
            assertThat(runs).hasSize(1);
            try (Stream<Path> files = Files.walk(runs.get(0))) {
                assertThat(files.filter(Files::isRegularFile).count()).isGreaterThan(3);
            }
        }
    }
}
