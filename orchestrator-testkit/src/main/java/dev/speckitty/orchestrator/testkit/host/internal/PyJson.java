package dev.speckitty.orchestrator.testkit.host.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON the way the host's Python writes it ({@code json.dumps} defaults: {@code ", "} and {@code ": "} separators,
 * non-ASCII escaped as {@code \\uXXXX}, insertion order kept) and parsing into plain Java values
 * ({@link LinkedHashMap}, {@link List}, {@link String}, {@link Long}/{@link Double}, {@link Boolean}, {@code null}).
 */
public final class PyJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PyJson() {}

    /** Thrown when text is not JSON; the message imitates Python's {@code json} module detail. */
    public static final class JsonSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonSyntaxException(String message) {
            super(message);
        }
    }

    /**
     * Parses JSON text into plain values.
     *
     * @param text the text
     * @return the value (may be {@code null} for the literal {@code null})
     * @throws JsonSyntaxException when the text is not one JSON value
     */
    public static Object parse(String text) throws JsonSyntaxException {
        if (text == null || text.isBlank()) {
            throw new JsonSyntaxException("Expecting value: line 1 column 1 (char 0)");
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new JsonSyntaxException("Expecting value: line 1 column 1 (char 0)");
            }
            return toPlain(node);
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage();
            int cut = detail.indexOf('\n');
            throw new JsonSyntaxException(cut > 0 ? detail.substring(0, cut) : detail);
        }
    }

    /**
     * Parses JSON text, returning {@code null} on any syntax error.
     *
     * @param text the text
     * @return the value or {@code null}
     */
    public static Object parseOrNull(String text) {
        try {
            return parse(text);
        } catch (JsonSyntaxException e) {
            return null;
        }
    }

    static Object toPlain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                map.put(e.getKey(), toPlain(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(toPlain(n)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return null;
    }

    /**
     * Writes a plain value as one line of Python-style JSON.
     *
     * @param value maps, lists, strings, numbers, booleans or {@code null}
     * @return the JSON text, without a trailing newline
     */
    public static String dumps(Object value) {
        StringBuilder sb = new StringBuilder(256);
        write(sb, value, null, 0);
        return sb.toString();
    }

    /**
     * Writes a plain value as indented Python-style JSON ({@code json.dumps(indent=2)}).
     *
     * @param value the value
     * @return the JSON text with a trailing newline
     */
    public static String dumpsIndented(Object value) {
        StringBuilder sb = new StringBuilder(256);
        write(sb, value, "  ", 0);
        return sb.append('\n').toString();
    }

    private static void newline(StringBuilder sb, String indent, int depth) {
        sb.append('\n');
        for (int i = 0; i < depth; i++) {
            sb.append(indent);
        }
    }

    private static void write(StringBuilder sb, Object value, String indent, int depth) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            string(sb, s);
        } else if (value instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (value instanceof Double d) {
            sb.append(d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : d.toString());
        } else if (value instanceof Number n) {
            sb.append(n.toString());
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(indent == null ? ", " : ",");
                }
                first = false;
                if (indent != null) {
                    newline(sb, indent, depth + 1);
                }
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), indent, depth + 1);
            }
            if (indent != null) {
                newline(sb, indent, depth);
            }
            sb.append('}');
        } else if (value instanceof Iterable<?> list) {
            Iterator<?> it = list.iterator();
            if (!it.hasNext()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            boolean first = true;
            while (it.hasNext()) {
                if (!first) {
                    sb.append(indent == null ? ", " : ",");
                }
                first = false;
                if (indent != null) {
                    newline(sb, indent, depth + 1);
                }
                write(sb, it.next(), indent, depth + 1);
            }
            if (indent != null) {
                newline(sb, indent, depth);
            }
            sb.append(']');
        } else {
            string(sb, value.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
