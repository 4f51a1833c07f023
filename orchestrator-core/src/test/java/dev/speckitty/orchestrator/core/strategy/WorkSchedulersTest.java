package dev.speckitty.orchestrator.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.core.spi.ScheduleContext;
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
}
