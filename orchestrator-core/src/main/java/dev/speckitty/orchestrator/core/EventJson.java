package dev.speckitty.orchestrator.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Renders events as JSON lines. */
final class EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {}

    /**
     * Renders one event.
     *
     * @param e the event
     * @return one line of JSON
     */
    static String render(OrchestrationEvent e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", e.type().name().toLowerCase(Locale.ROOT));
        o.put("ts", e.timestamp().toString());
        o.put("run_id", e.runId());
        o.put("mission", e.mission());
        e.wpId().ifPresent(v -> o.put("wp_id", v));
        e.lane().ifPresent(v -> o.put("lane", v));
        e.agent().ifPresent(v -> o.put("agent", v));
        e.role().ifPresent(v -> o.put("role", v));
        o.put("message", e.message());
        e.fields().forEach((k, v) -> {
            if (!o.has(k)) {
                o.put(k, v);
            }
        });
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot render event", ex);
        }
    }
}
