package dev.speckitty.orchestrator.examples;

import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.core.EventType;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.spi.ParsedVerdict;
import dev.speckitty.orchestrator.core.spi.ReviewOutput;
import dev.speckitty.orchestrator.core.spi.ReviewVerdictParser;
import dev.speckitty.orchestrator.core.strategy.ReviewVerdictParsers;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.ScriptedRole;
import dev.speckitty.orchestrator.testkit.agent.VerdictDelivery;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ReviewVerdictParser} for a reviewer that reports {@code REVIEW RESULT: PASS} or
 * {@code REVIEW RESULT: FAIL} followed by its reasons, falling back to the standard protocol (verdict file,
 * {@code VERDICT:} lines) for every other reviewer. The scripted reviewer fails WP02 once, so WP02 is reworked.
 *
 * <pre>
 * ./mvnw -q -pl examples -am process-classes exec:java \
 *     -Dexec.mainClass=dev.speckitty.orchestrator.examples.CustomVerdictParser
 * </pre>
 */
public final class CustomVerdictParser implements ReviewVerdictParser {
    private static final Pattern RESULT = Pattern.compile("(?m)^REVIEW RESULT: (PASS|FAIL)\\s*$");
    private final ReviewVerdictParser standard = ReviewVerdictParsers.standard();

    @Override
    public ParsedVerdict parse(ReviewOutput output) {
        Matcher m = RESULT.matcher(output.stdout());
        String word = null;
        int end = 0;
        while (m.find()) { // the last result line wins
            word = m.group(1);
            end = m.end();
        }
        if (word == null) {
            return standard.parse(output); // never guess: the standard parser returns none() when it finds nothing
        }
        String reasons = output.stdout().substring(end).strip();
        return ParsedVerdict.of(word.equals("PASS") ? ReviewVerdict.APPROVED : ReviewVerdict.CHANGES_REQUESTED,
                reasons, "review-result-line");
    }

    /**
     * Runs the example.
     *
     * @param args see {@link ExampleSetup}
     */
    public static void main(String[] args) {
        CustomVerdictParser parser = new CustomVerdictParser();
        System.out.println("sample: " + parser.parse(ReviewOutput.builder().agent("demo")
                .stdout("looked at everything\nREVIEW RESULT: FAIL\n- WP02 lacks tests").build()));

        // scripted reviewers speak the custom format: WP02's first review fails, every other review passes
        AgentBehavior pass = AgentBehavior.builder().verdictDelivery(VerdictDelivery.NONE)
                .stdoutText("REVIEW RESULT: PASS\n").build();
        AgentBehavior fail = AgentBehavior.builder().verdictDelivery(VerdictDelivery.NONE)
                .stdoutText("REVIEW RESULT: FAIL\n- add a test for {wp}\n").build();
        AgentScenario scenario = AgentScenario.builder()
                .when(null, ScriptedRole.REVIEWER, null, pass)
                .when("WP02", ScriptedRole.REVIEWER, 1, fail)
                .build();

        try (ExampleSetup setup = ExampleSetup.fromArgs(args)) {
            RunReport report = setup.engine(setup.engineOptions().build(), scenario)
                    .verdictParser(parser)
                    .addListener(event -> {
                        if (event.type() == EventType.REVIEW_VERDICT) {
                            System.out.println(event.wpId().orElse("?") + " " + event.fields().get("verdict")
                                    + " (from " + event.fields().get("source") + ")");
                        }
                    })
                    .build()
                    .run(RunRequest.of(setup.mission()));
            System.out.println(report.status() + "; WP02 review cycles: "
                    + report.workPackage("WP02").map(wp -> wp.reviewCycles()).orElse(0));
        }
    }
}
