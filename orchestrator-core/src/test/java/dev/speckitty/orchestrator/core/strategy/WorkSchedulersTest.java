package dev.speckitty.orchestrator.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.core.spi.ScheduleContext;
import dev.speckitty.orchestrator.core.spi.WorkScheduler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkSchedulersTest {
    // WP01 and WP02 are ready. WP02 heads a chain WP02 → WP03 → WP04; WP01 has no dependents.
    private final ScheduleContext ctx = ScheduleContext.builder()
            .candidates(List.of("WP01", "WP02", "WP05"))
            .dependencies(Map.of("WP01", List.of(), "WP02", List.of(), "WP03", List.of("WP02"),
                    "WP04", List.of("WP03"), "WP05", List.of(), "WP06", List.of("WP05")))
            .build();

    @Test
    void fifoKeepsTheHostOrder() {
        assertThat(WorkSchedulers.fifo().order(ctx)).containsExactly("WP01", "WP02", "WP05");
    }

    @Test
    void criticalPathStartsTheLongestChainFirst() {
        assertThat(WorkSchedulers.criticalPath().order(ctx)).containsExactly("WP02", "WP05", "WP01");
    }

    @Test
    void criticalPathBreaksDepthTiesByFanOutThenHostOrder() {
        ScheduleContext wide = ScheduleContext.builder()
                .candidates(List.of("WP01", "WP02", "WP03"))
                .dependencies(Map.of("WP01", List.of(), "WP02", List.of(), "WP03", List.of(),
                        "WP04", List.of("WP02"), "WP05", List.of("WP02"), "WP06", List.of("WP03")))
                .build();
        assertThat(WorkSchedulers.criticalPath().order(wide)).containsExactly("WP02", "WP03", "WP01");
    }

    @Test
    void criticalPathSurvivesACycle() {
        ScheduleContext cyclic = ScheduleContext.builder().candidates(List.of("WP01"))
                .dependencies(Map.of("WP01", List.of("WP02"), "WP02", List.of("WP01"))).build();
        assertThat(WorkSchedulers.criticalPath().order(cyclic)).containsExactly("WP01");
    }

    @Test
    void criticalPathHandlesAChainFarDeeperThanTheThreadStack() {
        // 200,000 WPs in one chain: a recursive chain-length search would overflow the stack.
        Map<String, List<String>> graph = new LinkedHashMap<>();
        graph.put("WP0", List.of());
        graph.put("WPX", List.of());
        for (int i = 1; i < 200_000; i++) {
            graph.put("WP" + i, List.of("WP" + (i - 1)));
        }
        ScheduleContext big = ScheduleContext.builder().candidates(List.of("WPX", "WP0")).dependencies(graph).build();
        assertThat(WorkSchedulers.criticalPath().order(big)).containsExactly("WP0", "WPX");
    }

    @Test
    void criticalPathReusedOnTheSameGraphGivesTheSameOrderAsAFreshScheduler() {
        WorkScheduler reused = WorkSchedulers.criticalPath();
        Map<String, List<String>> graph = ctx.dependencies();
        List<List<String>> candidateSets = List.of(List.of("WP01", "WP02", "WP05"), List.of("WP05", "WP01"),
                List.of("WP03", "WP06", "WP01"), List.of("WP04", "WP06"));
        for (List<String> candidates : candidateSets) {
            ScheduleContext pass = new ScheduleContext() {
                @Override
                public List<String> candidates() {
                    return candidates;
                }

                @Override
                public Map<String, List<String>> dependencies() {
                    return graph; // same instance every pass, as the engine passes it
                }
            };
            List<String> fresh = WorkSchedulers.criticalPath().order(
                    ScheduleContext.builder().candidates(candidates).dependencies(new LinkedHashMap<>(graph)).build());
            assertThat(reused.order(pass)).isEqualTo(fresh);
        }
        assertThat(reused.order(new ScheduleContext() {
            @Override
            public List<String> candidates() {
                return List.of("WP03", "WP06", "WP01");
            }

            @Override
            public Map<String, List<String>> dependencies() {
                return graph;
            }
        })).containsExactly("WP03", "WP06", "WP01");
    }
}
