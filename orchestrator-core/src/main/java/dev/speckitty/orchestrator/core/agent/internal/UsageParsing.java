package dev.speckitty.orchestrator.core.agent.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.core.spi.AgentUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** JSON reading helpers for agent output, and usage accumulation. Lenient: bad JSON is skipped, never thrown. */
public final class UsageParsing {
    /** Prefix of the generic usage line printed by scripted or generic agents. */
    public static final String USAGE_PREFIX = "SPEC_KITTY_USAGE:";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private UsageParsing() {}

    /**
     * Parses a JSON document.
     *
     * @param text the text
     * @return the tree, or empty when it is not JSON
     */
    public static Optional<JsonNode> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(text.strip()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses every stdout line that is a JSON object (JSON-lines event streams).
     *
     * @param text the output
     * @return the objects, in order
     */
    public static List<JsonNode> jsonLines(String text) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("{")) {
                parse(l).filter(JsonNode::isObject).ifPresent(nodes::add);
            }
        }
        return nodes;
    }

    /**
     * Reads the whole output as JSON; failing that, the last line that parses as a JSON object or array (CLIs print
     * warnings before their JSON).
     *
     * @param text the output
     * @return the document
     */
    public static Optional<JsonNode> document(String text) {
        Optional<JsonNode> whole = parse(text).filter(n -> n.isObject() || n.isArray());
        if (whole.isPresent()) {
            return whole;
        }
        String[] lines = text.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (l.startsWith("{") || l.startsWith("[")) {
                Optional<JsonNode> node = parse(l).filter(n -> n.isObject() || n.isArray());
                if (node.isPresent()) {
                    return node;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the last {@code SPEC_KITTY_USAGE: {"input_tokens": …, "output_tokens": …, "cost_usd": …}} line.
     *
     * @param stdout the output
     * @return the usage, if a valid line exists
     */
    public static Optional<AgentUsage> specKittyUsageLine(String stdout) {
        String[] lines = stdout.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (l.startsWith(USAGE_PREFIX)) {
                Optional<JsonNode> node = parse(l.substring(USAGE_PREFIX.length())).filter(JsonNode::isObject);
                if (node.isPresent()) {
                    Accumulator acc = new Accumulator();
                    acc.addInput(node.get().get("input_tokens"));
                    acc.addOutput(node.get().get("output_tokens"));
                    acc.addCost(node.get().get("cost_usd"));
                    return acc.toUsage();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns a text field, when present and textual.
     *
     * @param node the object, may be null
     * @param field the field
     * @return the text
     */
    public static Optional<String> text(JsonNode node, String field) {
        if (node == null) {
            return Optional.empty();
        }
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    /** Sums token and cost figures; reports only what was seen. */
    public static final class Accumulator {
        private long input;
        private long output;
        private double cost;
        private boolean seenInput;
        private boolean seenOutput;
        private boolean seenCost;

        /**
         * Adds input tokens when the node is a number.
         *
         * @param node the node, may be null
         * @return this
         */
        public Accumulator addInput(JsonNode node) {
            if (node != null && node.isNumber()) {
                input += node.asLong();
                seenInput = true;
            }
            return this;
        }

        /**
         * Adds output tokens when the node is a number.
         *
         * @param node the node, may be null
         * @return this
         */
        public Accumulator addOutput(JsonNode node) {
            if (node != null && node.isNumber()) {
                output += node.asLong();
                seenOutput = true;
            }
            return this;
        }

        /**
         * Adds a cost in USD when the node is a number.
         *
         * @param node the node, may be null
         * @return this
         */
        public Accumulator addCost(JsonNode node) {
            if (node != null && node.isNumber()) {
                cost += node.asDouble();
                seenCost = true;
            }
            return this;
        }

        /**
         * Returns the figures seen so far.
         *
         * @return the usage, or empty when nothing was seen
         */
        public Optional<AgentUsage> toUsage() {
            if (!seenInput && !seenOutput && !seenCost) {
                return Optional.empty();
            }
            AgentUsage.Builder b = AgentUsage.builder();
            if (seenInput) {
                b.inputTokens(input);
            }
            if (seenOutput) {
                b.outputTokens(output);
            }
            if (seenCost) {
                b.costUsd(cost);
            }
            return Optional.of(b.build());
        }
    }
}
