package dev.speckitty.orchestrator.cli.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.core.agent.AgentAdapters;
import dev.speckitty.orchestrator.core.agent.AgentProbe;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lists the agent adapters (built-in and configured) and whether each is installed. */
@Command(name = "agents", mixinStandardHelpOptions = true,
        description = "Lists the available agent adapters and which are installed (found on PATH).")
final class AgentsCommand extends BaseCommand {
    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(names = "--versions", description = "Also run each installed agent's version command (slower).")
    boolean versions;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    AgentsCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        Path root = project.resolveRoot(context.cwd());
        CliSettings settings = ConfigLoader.load(root, context.env(), Map.of());
        AgentRegistry registry = new AgentRegistry(settings);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = mapper.createArrayNode();
        if (!json) {
            out().printf("%-12s %-8s %-16s %-9s %s%n", "AGENT", "KIND", "EXECUTABLE", "INSTALLED", versions
                    ? "VERSION / PATH" : "PATH");
        }
        for (String id : registry.ids()) {
            AgentAdapter a = registry.adapter(id);
            Optional<Path> path = AgentAdapters.resolveExecutable(a.executable());
            String version = "";
            if (versions && path.isPresent()) {
                AgentProbe p = AgentAdapters.probe(a, Duration.ofSeconds(10));
                version = p.version().orElse(p.problem().map(x -> "(" + x + ")").orElse(""));
            }
            String role = roles(settings, id);
            if (json) {
                ObjectNode n = arr.addObject();
                n.put("id", id);
                n.put("kind", registry.isCustom(id) ? "custom" : "built-in");
                n.put("executable", a.executable());
                n.put("installed", path.isPresent());
                n.put("path", path.map(Path::toString).orElse(null));
                if (versions) {
                    n.put("version", version.isEmpty() ? null : version);
                }
                n.put("configured_as", role.isEmpty() ? null : role);
            } else {
                out().printf("%-12s %-8s %-16s %-9s %s%s%n", id, registry.isCustom(id) ? "custom" : "built-in",
                        a.executable(), path.isPresent() ? "yes" : "no",
                        versions && !version.isEmpty() ? version + "  " : "",
                        path.map(Path::toString).orElse("") + (role.isEmpty() ? "" : "  [" + role + "]"));
            }
        }
        if (json) {
            out().println(mapper.writeValueAsString(arr));
        } else {
            out().println();
            out().println("implementation chain: " + String.join(" -> ", settings.implementationAgents())
                    + "   review chain: " + String.join(" -> ", settings.reviewAgents()));
        }
        return ExitCode.OK;
    }

    private static String role(CliSettings s, String id, boolean impl) {
        int i = (impl ? s.implementationAgents() : s.reviewAgents()).indexOf(id);
        return i < 0 ? "" : (impl ? "implementation #" : "review #") + (i + 1);
    }

    private static String roles(CliSettings s, String id) {
        String a = role(s, id, true);
        String b = role(s, id, false);
        return a.isEmpty() ? b : b.isEmpty() ? a : a + ", " + b;
    }
}
