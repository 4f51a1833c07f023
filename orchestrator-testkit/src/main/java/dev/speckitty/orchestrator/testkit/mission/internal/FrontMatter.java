package dev.speckitty.orchestrator.testkit.mission.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small reader and writer for the YAML subset used in WP prompt front matter: {@code key: scalar},
 * {@code key: [a, b]} flow lists, block lists ({@code key:} followed by {@code - item} lines), double- or
 * single-quoted scalars, comments and {@code null}/{@code ~}. Anything else is an error that names the line.
 */
public final class FrontMatter {
    private FrontMatter() {}

    /** A parsed document: the front-matter fields (String, List of String, or absent for null) and the body. */
    public record Document(Map<String, Object> fields, String body) {}

    /**
     * Splits and parses a document that starts with a {@code ---} line.
     *
     * @param text the whole file
     * @param source a name for error messages
     * @return the fields and the body after the closing {@code ---}
     * @throws IllegalArgumentException if there is no front matter or a line cannot be parsed
     */
    public static Document parse(String text, String source) {
        String normalized = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = normalized.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            throw new IllegalArgumentException(source + ": no front matter: the file must start with a '---' line");
        }
        int end = -1;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new IllegalArgumentException(source + ": front matter is not closed: add a '---' line after it");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        String listKey = null;
        for (int i = 1; i < end; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            if (stripped.startsWith("- ") || stripped.equals("-")) {
                if (listKey == null) {
                    throw new IllegalArgumentException(source + " line " + (i + 1)
                            + ": list item without a key above it: '" + stripped + "'");
                }
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) fields.get(listKey);
                list.add(scalar(stripped.substring(1).strip(), source, i + 1));
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                // Nested mappings (e.g. history entries) are not part of the subset; skip their indented lines.
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected 'key: value', got '"
                        + stripped + "'");
            }
            String key = line.substring(0, colon).strip();
            String raw = line.substring(colon + 1).strip();
            listKey = null;
            if (raw.isEmpty()) {
                fields.put(key, new ArrayList<String>());
                listKey = key;
            } else if (raw.startsWith("[")) {
                fields.put(key, flowList(raw, source, i + 1));
            } else {
                String value = scalar(raw, source, i + 1);
                if (value != null) {
                    fields.put(key, value);
                } else {
                    fields.remove(key);
                }
            }
        }
        StringBuilder body = new StringBuilder();
        for (int i = end + 1; i < lines.length; i++) {
            body.append(lines[i]);
            if (i < lines.length - 1) {
                body.append('\n');
            }
        }
        return new Document(fields, body.toString());
    }

    /**
     * Returns a field as a string.
     *
     * @param doc the document
     * @param key the key
     * @return the value if it is a scalar
     */
    public static Optional<String> string(Document doc, String key) {
        Object v = doc.fields().get(key);
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /**
     * Returns a field as a list; a scalar becomes a one-element list, absence an empty list.
     *
     * @param doc the document
     * @param key the key
     * @return the list
     */
    public static List<String> list(Document doc, String key) {
        Object v = doc.fields().get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        @SuppressWarnings("unchecked")
        List<String> l = (List<String>) v;
        return List.copyOf(l);
    }

    /**
     * Quotes a string as a YAML double-quoted scalar.
     *
     * @param value the text
     * @return the quoted form
     */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Formats a flow list, e.g. {@code [WP01, WP02]}.
     *
     * @param items plain items (ids)
     * @return the list text
     */
    public static String flowList(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }

    private static List<String> flowList(String raw, String source, int lineNo) {
        int close = raw.lastIndexOf(']');
        if (close < 0) {
            throw new IllegalArgumentException(source + " line " + lineNo + ": flow list is not closed with ']'");
        }
        String rest = raw.substring(close + 1).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            throw new IllegalArgumentException(source + " line " + lineNo + ": unexpected text after ']': '" + rest
                    + "'");
        }
        String inner = raw.substring(1, close).strip();
        List<String> items = new ArrayList<>();
        if (inner.isEmpty()) {
            return items;
        }
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < inner.length()) {
                    current.append(inner.charAt(++i));
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                current.append(c);
            } else if (c == ',') {
                items.add(scalar(current.toString().strip(), source, lineNo));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(source + " line " + lineNo + ": unterminated quote in flow list");
        }
        if (!current.toString().isBlank()) {
            items.add(scalar(current.toString().strip(), source, lineNo));
        }
        items.removeIf(java.util.Objects::isNull);
        return items;
    }

    private static String scalar(String raw, String source, int lineNo) {
        if (raw.isEmpty() || raw.equals("~") || raw.equals("null")) {
            return null;
        }
        if (raw.startsWith("\"")) {
            StringBuilder sb = new StringBuilder();
            int i = 1;
            for (; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i + 1 < raw.length()) {
                    char n = raw.charAt(++i);
                    switch (n) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        default -> sb.append(n);
                    }
                } else {
                    sb.append(c);
                }
            }
            if (i >= raw.length()) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": unterminated double quote");
            }
            return sb.toString();
        }
        if (raw.startsWith("'")) {
            int close = raw.lastIndexOf('\'');
            if (close == 0) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": unterminated single quote");
            }
            return raw.substring(1, close).replace("''", "'");
        }
        int comment = raw.indexOf(" #");
        return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
    }
}
