package dev.speckitty.orchestrator.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.core.spi.AgentChoice;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentSelector;
import dev.speckitty.orchestrator.core.spi.SelectionContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentSelectorsTest {
    private final AgentSelector selector = AgentSelectors.chains(List.of("claude-code", "codex"),
            List.of("claude-code", "codex", "gemini"), true, Map.of("codex", "gpt-5"));

    @Test
    void implementationChainFallsBackInOrder() {
        SelectionContext.Builder c = SelectionContext.builder().wpId("WP01").role(AgentRole.IMPLEMENTER);
        assertThat(selector.select(c.build()).map(AgentChoice::agent)).contains("claude-code");
        assertThat(selector.select(c.agentsTried(List.of("claude-code")).build()))
                .contains(AgentChoice.builder().agent("codex").model("gpt-5").build());
        assertThat(selector.select(c.agentsTried(List.of("claude-code", "codex")).build())).isEmpty();
    }

    @Test
    void frontMatterHintComesFirstWithItsModel() {
        SelectionContext c = SelectionContext.builder().wpId("WP01").role(AgentRole.IMPLEMENTER)
                .agentHint("opencode").modelHint("big").build();
        assertThat(selector.select(c)).contains(AgentChoice.builder().agent("opencode").model("big").build());
    }

    @Test
    void reviewerDiffersFromTheImplementerWhenPossible() {
        SelectionContext c = SelectionContext.builder().wpId("WP01").role(AgentRole.REVIEWER)
                .implementer("claude-code").build();
        assertThat(selector.select(c).map(AgentChoice::agent)).contains("codex");
        SelectionContext last = SelectionContext.builder().wpId("WP01").role(AgentRole.REVIEWER)
                .implementer("claude-code").agentsTried(List.of("codex", "gemini")).build();
        assertThat(selector.select(last).map(AgentChoice::agent)).contains("claude-code");
    }
}
