package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.core.EventType;
import dev.speckitty.orchestrator.core.OrchestrationEvent;
import dev.speckitty.orchestrator.core.OrchestrationListener;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Feeds engine events to the {@link Display}: table rows and one line per event worth reading. */
final class DisplayListener implements OrchestrationListener {
    private static final Set<EventType> WARNINGS = Set.of(EventType.WARNING, EventType.WP_BLOCKED, EventType.STALLED,
            EventType.FINISH_REFUSED, EventType.HOST_CALL_FAILED);
    private static final Set<EventType> QUIET_IN_LINES = Set.of(EventType.RECONCILED);

    private final Display display;
    private final Map<String, Integer> attempts = new HashMap<>();

    DisplayListener(Display display) {
        this.display = display;
    }

    @Override
    public void onEvent(OrchestrationEvent e) {
        RunView view = display.view;
        String wp = e.wpId().orElse(null);
        if (e.type() == EventType.RUN_STARTED) {
            view.start(e.mission(), e.runId(), e.timestamp());
        }
        if (wp != null) {
            e.lane().ifPresent(l -> view.lane(wp, l));
            if (e.type() == EventType.LANE_CHANGED && e.lane().isEmpty() && e.fields().containsKey("to")) {
                view.lane(wp, e.fields().get("to"));
            }
            if (e.type() == EventType.AGENT_STARTED) {
                String role = e.role().orElse("");
                int n = attempts.merge(wp + "/" + role, 1, Integer::sum);
                view.agentStarted(wp, role, e.agent().orElse(""), attempt(e, n), e.timestamp());
            } else if (e.type() == EventType.AGENT_FINISHED) {
                view.agentFinished(wp, cost(e.fields()));
            }
        }
        if (QUIET_IN_LINES.contains(e.type())) {
            return;
        }
        String text = line(e);
        if (WARNINGS.contains(e.type())) {
            display.warn(text);
        } else {
            display.line(text);
        }
    }

    private static int attempt(OrchestrationEvent e, int counted) {
        String a = e.fields().get("attempt");
        if (a != null) {
            try {
                return Integer.parseInt(a);
            } catch (NumberFormatException ignored) {
                // fall back to our own count
            }
        }
        return counted;
    }

    static double cost(Map<String, String> fields) {
        String c = fields.get("cost_usd");
        if (c == null) {
            return 0;
        }
        try {
            return Double.parseDouble(c);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String line(OrchestrationEvent e) {
        StringBuilder sb = new StringBuilder();
        e.wpId().ifPresent(w -> sb.append(w).append(' '));
        if (e.agent().isPresent() || e.role().isPresent()) {
            sb.append('[').append(e.role().orElse("")).append(e.role().isPresent() && e.agent().isPresent() ? " " : "")
                    .append(e.agent().orElse("")).append("] ");
        }
        sb.append(e.message().isEmpty() ? e.type().name().toLowerCase(Locale.ROOT).replace('_', ' ') : e.message());
        return sb.toString();
    }
}
