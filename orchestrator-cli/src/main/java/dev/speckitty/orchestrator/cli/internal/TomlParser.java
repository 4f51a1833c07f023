package dev.speckitty.orchestrator.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small TOML subset parser, enough for {@code .kittify/orchestrator.toml}: tables ({@code [a.b]}), dotted and
 * quoted keys, basic and literal strings, integers, booleans, arrays (also over several lines) and inline tables, and
 * {@code #} comments. Not supported (rejected with a message): floats, dates, multi-line strings, arrays of tables.
 * Produces nested {@code LinkedHashMap<String, Object>} with {@code String}, {@code Long}, {@code Boolean} and
 * {@code List<Object>} leaves.
 */
final class TomlParser {
    private final String source;
    private final String text;
    private int pos;
    private int line = 1;

    private TomlParser(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /**
     * Parses a document.
     *
     * @param source the name used in error messages (usually the file path)
     * @param text the document
     * @return the root table
     * @throws ConfigException on a syntax error, naming the source and the line
     */
    static Map<String, Object> parse(String source, String text) {
        return new TomlParser(source, text).document();
    }

    private Map<String, Object> document() {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> current = root;
        while (true) {
            skipBlankAndComments();
            if (eof()) {
                return root;
            }
            char c = peek();
            if (c == '[') {
                pos++;
                if (!eof() && peek() == '[') {
                    throw error("arrays of tables ([[...]]) are not supported");
                }
                List<String> path = keyPath();
                skipSpaces();
                expect(']');
                endOfLine();
                current = root;
                for (String k : path) {
                    current = childTable(current, k, path);
                }
            } else {
                List<String> path = keyPath();
                skipSpaces();
                expect('=');
                skipSpaces();
                Object value = value();
                endOfLine();
                put(current, path, value);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> childTable(Map<String, Object> parent, String key, List<String> fullPath) {
        Object existing = parent.get(key);
        if (existing == null) {
            Map<String, Object> t = new LinkedHashMap<>();
            parent.put(key, t);
            return t;
        }
        if (existing instanceof Map) {
            return (Map<String, Object>) existing;
        }
        throw error("'" + String.join(".", fullPath) + "' is already a value, not a table");
    }

    private void put(Map<String, Object> table, List<String> path, Object value) {
        Map<String, Object> t = table;
        for (int i = 0; i < path.size() - 1; i++) {
            t = childTable(t, path.get(i), path);
        }
        String last = path.get(path.size() - 1);
        if (t.containsKey(last)) {
            throw error("duplicate key '" + String.join(".", path) + "'");
        }
        t.put(last, value);
    }

    private List<String> keyPath() {
        List<String> path = new ArrayList<>();
        while (true) {
            skipSpaces();
            path.add(key());
            skipSpaces();
            if (!eof() && peek() == '.') {
                pos++;
                continue;
            }
            return path;
        }
    }

    private String key() {
        if (eof()) {
            throw error("expected a key");
        }
        char c = peek();
        if (c == '"') {
            return basicString();
        }
        if (c == '\'') {
            return literalString();
        }
        int start = pos;
        while (!eof() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a key, found '" + c + "'");
        }
        return text.substring(start, pos);
    }

    private Object value() {
        if (eof()) {
            throw error("expected a value");
        }
        char c = peek();
        switch (c) {
            case '"':
                if (text.startsWith("\"\"\"", pos)) {
                    throw error("multi-line strings are not supported");
                }
                return basicString();
            case '\'':
                if (text.startsWith("'''", pos)) {
                    throw error("multi-line strings are not supported");
                }
                return literalString();
            case '[':
                return array();
            case '{':
                return inlineTable();
            default:
                break;
        }
        int start = pos;
        while (!eof() && " \t\r\n#,]}".indexOf(peek()) < 0) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.equals("true")) {
            return Boolean.TRUE;
        }
        if (word.equals("false")) {
            return Boolean.FALSE;
        }
        if (word.matches("[+-]?(0|[1-9](_?[0-9])*)")) {
            try {
                return Long.parseLong(word.replace("_", ""));
            } catch (NumberFormatException e) {
                throw error("integer out of range: " + word);
            }
        }
        if (word.isEmpty()) {
            throw error("expected a value, found '" + c + "'");
        }
        throw error("unsupported value '" + word + "' (expected a \"string\", an integer, true/false or an array)");
    }

    private List<Object> array() {
        expect('[');
        List<Object> items = new ArrayList<>();
        while (true) {
            skipBlankAndComments();
            if (eof()) {
                throw error("unterminated array");
            }
            if (peek() == ']') {
                pos++;
                return items;
            }
            items.add(value());
            skipBlankAndComments();
            if (!eof() && peek() == ',') {
                pos++;
            } else if (!eof() && peek() != ']') {
                throw error("expected ',' or ']' in array");
            }
        }
    }

    private Map<String, Object> inlineTable() {
        expect('{');
        Map<String, Object> t = new LinkedHashMap<>();
        skipSpaces();
        if (!eof() && peek() == '}') {
            pos++;
            return t;
        }
        while (true) {
            List<String> path = keyPath();
            skipSpaces();
            expect('=');
            skipSpaces();
            put(t, path, value());
            skipSpaces();
            if (eof()) {
                throw error("unterminated inline table");
            }
            if (peek() == ',') {
                pos++;
                continue;
            }
            expect('}');
            return t;
        }
    }

    private String basicString() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (eof() || peek() == '\n') {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (eof()) {
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case 'u', 'U' -> {
                    int len = e == 'u' ? 4 : 8;
                    if (pos + len > text.length()) {
                        throw error("bad unicode escape");
                    }
                    try {
                        sb.appendCodePoint(Integer.parseInt(text.substring(pos, pos + len), 16));
                    } catch (IllegalArgumentException ex) {
                        throw error("bad unicode escape");
                    }
                    pos += len;
                }
                default -> throw error("unknown escape '\\" + e + "'");
            }
        }
    }

    private String literalString() {
        expect('\'');
        int start = pos;
        while (!eof() && peek() != '\'' && peek() != '\n') {
            pos++;
        }
        if (eof() || peek() != '\'') {
            throw error("unterminated string");
        }
        String s = text.substring(start, pos);
        pos++;
        return s;
    }

    private void endOfLine() {
        skipSpaces();
        if (eof()) {
            return;
        }
        char c = peek();
        if (c == '#') {
            while (!eof() && peek() != '\n') {
                pos++;
            }
            return;
        }
        if (c == '\r' || c == '\n') {
            return;
        }
        throw error("unexpected '" + c + "' after the value (one key = value per line)");
    }

    private void skipSpaces() {
        while (!eof() && (peek() == ' ' || peek() == '\t')) {
            pos++;
        }
    }

    private void skipBlankAndComments() {
        while (!eof()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n') {
                pos++;
                line++;
            } else if (c == '#') {
                while (!eof() && peek() != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void expect(char c) {
        if (eof() || peek() != c) {
            throw error("expected '" + c + "'" + (eof() ? " before the end of the file" : ", found '" + peek() + "'"));
        }
        pos++;
    }

    private boolean eof() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private ConfigException error(String message) {
        return new ConfigException(source + ":" + line + ": " + message);
    }
}
