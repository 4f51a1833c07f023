package dev.speckitty.orchestrator.core.strategy;

import dev.speckitty.orchestrator.core.spi.AgentChoice;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentSelector;
import dev.speckitty.orchestrator.core.spi.SelectionContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Factories of {@link AgentSelector}s. */
public final class AgentSelectors {
    private AgentSelectors() {}

    /**
     * Returns a selector walking ordered fallback chains.
     *
     * <ul>
     *   <li>Implementer: the WP's front-matter {@code agent} hint first (when given), then the implementation chain.
     *   <li>Reviewer: the review chain; with {@code preferDistinctReviewer}, agents other than the WP's implementer
     *       come first (the implementer stays last as a final fallback).
     *   <li>Agents already tried are skipped. Model: the WP's {@code model} hint for its hinted (or first) implementer,
     *       else {@code models.get(agent)}.
     * </ul>
     *
     * @param implementationChain implementation agent ids, in order
     * @param reviewChain review agent ids, in order
     * @param preferDistinctReviewer whether to prefer a reviewer other than the implementer
     * @param models agent id → model
     * @return the selector
     */
    public static AgentSelector chains(List<String> implementationChain, List<String> reviewChain,
            boolean preferDistinctReviewer, Map<String, String> models) {
        List<String> impl = List.copyOf(implementationChain);
        List<String> review = List.copyOf(reviewChain);
        Map<String, String> modelMap = Map.copyOf(models);
        return ctx -> {
            Set<String> order = new LinkedHashSet<>();
            if (ctx.role() == AgentRole.IMPLEMENTER) {
                ctx.agentHint().filter(h -> !h.isBlank()).ifPresent(order::add);
                order.addAll(impl);
            } else {
                List<String> distinct = new ArrayList<>();
                List<String> same = new ArrayList<>();
                for (String a : review) {
                    if (preferDistinctReviewer && ctx.implementer().map(a::equals).orElse(false)) {
                        same.add(a);
                    } else {
                        distinct.add(a);
                    }
                }
                order.addAll(distinct);
                order.addAll(same);
            }
            order.removeAll(ctx.agentsTried());
            if (order.isEmpty()) {
                return Optional.empty();
            }
            String agent = order.iterator().next();
            return Optional.of(AgentChoice.builder().agent(agent).model(model(ctx, agent, impl, modelMap)).build());
        };
    }

    /**
     * Returns a selector that always chooses one agent for both roles (no fallback).
     *
     * @param agent the agent id
     * @return the selector
     */
    public static AgentSelector fixed(String agent) {
        return chains(List.of(agent), List.of(agent), false, Map.of());
    }

    private static Optional<String> model(SelectionContext ctx, String agent, List<String> impl,
            Map<String, String> models) {
        if (ctx.role() == AgentRole.IMPLEMENTER && ctx.modelHint().isPresent()) {
            String hinted = ctx.agentHint().orElse(impl.isEmpty() ? agent : impl.get(0));
            if (hinted.equals(agent)) {
                return ctx.modelHint();
            }
        }
        return Optional.ofNullable(models.get(agent));
    }
}
