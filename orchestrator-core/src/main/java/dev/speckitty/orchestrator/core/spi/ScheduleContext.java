package dev.speckitty.orchestrator.core.spi;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** What a {@link WorkScheduler} sees: startable WPs (in host order) and the whole mission graph. */
@Value.Immutable
public interface ScheduleContext {
    /**
     * Returns the WPs that could start now, in the host's order.
     *
     * @return WP ids
     */
    List<String> candidates();

    /**
     * Returns every WP's declared dependencies (WP id → the WPs it depends on), for all WPs of the mission.
     *
     * @return the dependency graph
     */
    Map<String, List<String>> dependencies();

    /**
     * Returns how many agent runs could start now.
     *
     * @return the free capacity, at least 0
     */
    @Value.Default
    default int freeSlots() {
        return 1;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ScheduleContext}. */
    final class Builder extends ImmutableScheduleContext.Builder {}
}
