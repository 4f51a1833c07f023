package dev.speckitty.orchestrator.examples;

import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.EventType;
import dev.speckitty.orchestrator.core.OrchestrationEngine;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.spi.WorkScheduler;
import dev.speckitty.orchestrator.core.strategy.WorkSchedulers;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine with a {@link WorkScheduler} of your own: WPs the team marked urgent start first, the rest follow the
 * default critical-path order. One agent at a time, so the order is visible.
 *
 * <pre>
 * ./mvnw -q -pl examples -am process-classes exec:java \
 *     -Dexec.mainClass=dev.speckitty.orchestrator.examples.EngineWithCustomScheduler
 * </pre>
 */
public final class EngineWithCustomScheduler {
    private EngineWithCustomScheduler() {}

    /**
     * Runs the example.
     *
     * @param args see {@link ExampleSetup}
     */
    public static void main(String[] args) {
        // the simulated default: WP01 first, then WP02..WP04 all become ready at once
        MissionGenerator fanOut = MissionGenerator.builder().slug("urgent").workPackages(4).shape(DagShape.fanOut()).build();
        try (ExampleSetup setup = ExampleSetup.fromArgs(args, fanOut)) {
            List<String> urgent = List.of("WP04", "WP03");
            WorkScheduler criticalPath = WorkSchedulers.criticalPath();
            WorkScheduler urgentFirst = context -> {
                List<String> order = new ArrayList<>();
                urgent.stream().filter(context.candidates()::contains).forEach(order::add);
                criticalPath.order(context).stream().filter(wp -> !order.contains(wp)).forEach(order::add);
                return order;
            };

            EngineOptions options = setup.engineOptions().maxConcurrent(1).build();
            OrchestrationEngine engine = setup.engine(options, AgentScenario.builder().build())
                    .scheduler(urgentFirst)
                    .addListener(event -> {
                        if (event.type() == EventType.WP_CLAIMED) {
                            System.out.println("claimed " + event.wpId().orElse("?"));
                        }
                    })
                    .build();
            RunReport report = engine.run(RunRequest.of(setup.mission()));
            System.out.println(report.status() + ": " + report.workPackages().size() + " WPs, "
                    + report.totalHostCalls() + " host calls");
        }
    }
}
