package dev.speckitty.orchestrator.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One decoded host envelope (contract section 2) plus the process facts around it.
 *
 * @param contractVersion {@code contract_version}
 * @param command {@code command}
 * @param timestamp {@code timestamp} as sent
 * @param correlationId {@code correlation_id}
 * @param success {@code success}
 * @param errorCode {@code error_code}, {@code null} on success
 * @param data {@code data}, never {@code null}
 * @param exitCode the process exit code
 * @param stderr the process stderr
 */
public record Envelope(
        String contractVersion,
        String command,
        String timestamp,
        String correlationId,
        boolean success,
        String errorCode,
        ObjectNode data,
        int exitCode,
        String stderr) {

    /**
     * Finds the envelope in a host's stdout: the last non-blank line that parses as a JSON object with a boolean
     * {@code success} (the real {@code merge-mission} prints git output first).
     *
     * @param stdout the captured stdout
     * @param exitCode the exit code
     * @param stderr the captured stderr
     * @return the envelope, or empty when stdout holds none
     */
    public static Optional<Envelope> find(String stdout, int exitCode, String stderr) {
        String[] lines = stdout.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.startsWith("{")) {
                continue;
            }
            Optional<JsonNode> node = Json.parse(line);
            if (node.isPresent() && node.get().isObject() && node.get().path("success").isBoolean()) {
                return Optional.of(of(node.get(), exitCode, stderr));
            }
        }
        return Optional.empty();
    }

    private static Envelope of(JsonNode n, int exitCode, String stderr) {
        JsonNode data = n.path("data");
        JsonNode code = n.path("error_code");
        return new Envelope(
                n.path("contract_version").asText(""),
                n.path("command").asText(""),
                n.path("timestamp").asText(""),
                n.path("correlation_id").asText(""),
                n.path("success").booleanValue(),
                code.isTextual() ? code.textValue() : null,
                data.isObject() ? (ObjectNode) data : JsonNodeFactory.instance.objectNode(),
                exitCode,
                stderr);
    }

    /**
     * Returns {@code data.message} when it is a string.
     *
     * @return the host's message or {@code null}
     */
    public String message() {
        JsonNode m = data.get("message");
        return m != null && m.isTextual() ? m.textValue() : null;
    }
}
