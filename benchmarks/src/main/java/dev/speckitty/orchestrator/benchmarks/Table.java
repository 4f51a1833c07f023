package dev.speckitty.orchestrator.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One plain-text result table; also serialised into the JSON results file. */
final class Table {
    final String id;
    final String title;
    final List<String> headers;
    final List<List<String>> rows = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** Machine-readable figures (medians etc.) keyed by a short name. */
    final Map<String, Object> figures = new LinkedHashMap<>();

    Table(String id, String title, String... headers) {
        this.id = id;
        this.title = title;
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    Table note(String note) {
        notes.add(note);
        return this;
    }

    void print(PrintStream out) {
        int[] w = new int[headers.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = headers.get(i).length();
            for (List<String> r : rows) {
                if (i < r.size()) {
                    w[i] = Math.max(w[i], r.get(i).length());
                }
            }
        }
        out.println();
        out.println("== " + title + " [" + id + "]");
        out.println(line(headers, w));
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            sep.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
        }
        out.println(sep);
        for (List<String> r : rows) {
            out.println(line(r, w));
        }
        for (String n : notes) {
            out.println("  note: " + n);
        }
        out.flush();
    }

    private static String line(List<String> cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            sb.append(i == 0 ? "" : " | ").append(c).append(" ".repeat(w[i] - c.length()));
        }
        return sb.toString().stripTrailing();
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        m.put("headers", headers);
        m.put("rows", rows);
        m.put("notes", notes);
        m.put("figures", figures);
        return m;
    }
}
