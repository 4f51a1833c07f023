package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.core.agent.AgentAdapters;
import dev.speckitty.orchestrator.core.agent.GenericCommandAgent;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The agents a run may use: the built-in adapters plus the generic command agents defined in the configuration. */
final class AgentRegistry {
    private final Map<String, AgentAdapter> custom = new LinkedHashMap<>();

    AgentRegistry(CliSettings settings) {
        for (CliSettings.CustomAgent c : settings.customAgents().values()) {
            try {
                GenericCommandAgent.Builder b = GenericCommandAgent.builder()
                        .id(c.id())
                        .executable(c.command().get(0))
                        .implementerArgs(c.command().subList(1, c.command().size()))
                        .modelArgs(c.modelArgs())
                        .versionArgs(c.versionArgs())
                        .promptOnStdin(!c.promptViaFile());
                c.reviewCommand().ifPresent(r -> b.reviewerArgs(r.subList(1, r.size())));
                custom.put(c.id(), b.build());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("configuration: agents.custom." + c.id() + ": " + e.getMessage());
            }
        }
    }

    /** Every known id: custom agents first (they may shadow a built-in), then the built-ins. */
    List<String> ids() {
        List<String> ids = new ArrayList<>(custom.keySet());
        AgentAdapters.ids().stream().filter(id -> !custom.containsKey(id)).forEach(ids::add);
        return ids;
    }

    boolean isCustom(String id) {
        return custom.containsKey(id);
    }

    /**
     * The adapter for an id.
     *
     * @throws CliException (usage) for an unknown id, with a "did you mean" hint and the known ids
     */
    AgentAdapter adapter(String id) {
        AgentAdapter c = custom.get(id);
        if (c != null) {
            return c;
        }
        if (AgentAdapters.isBuiltIn(id)) {
            return AgentAdapters.byId(id);
        }
        throw new CliException(ExitCode.USAGE, "unknown agent '" + id + "'" + ConfigLoader.hint(id, ids())
                + "; known agents: " + String.join(", ", ids())
                + " (define others under agents.custom in .kittify/orchestrator.yaml)");
    }

    List<AgentAdapter> adapters(List<String> ids) {
        return ids.stream().map(this::adapter).toList();
    }
}
