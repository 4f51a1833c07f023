package dev.speckitty.orchestrator.cli.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the display shows: one row per work package and the last few event lines. Updated from engine listener
 * threads, read by the renderer thread; every method is synchronized.
 */
final class RunView {
    /** One table row. */
    static final class Row {
        final String wp;
        String lane = "";
        String role = "";
        String agent = "";
        int attempt;
        Instant since;
        double costUsd;
        boolean running;

        Row(String wp) {
            this.wp = wp;
        }
    }

    private final Map<String, Row> rows = new TreeMap<>();
    private final Deque<String> events = new ArrayDeque<>();
    private final int keepEvents;
    private String mission = "";
    private String runId = "";
    private Instant startedAt;

    RunView(int keepEvents) {
        this.keepEvents = keepEvents;
    }

    synchronized void start(String mission, String runId, Instant at) {
        this.mission = mission;
        this.runId = runId;
        this.startedAt = at;
    }

    synchronized void lane(String wp, String lane) {
        row(wp).lane = lane;
    }

    synchronized void agentStarted(String wp, String role, String agent, int attempt, Instant at) {
        Row r = row(wp);
        r.role = role;
        r.agent = agent;
        r.attempt = attempt;
        r.since = at;
        r.running = true;
    }

    synchronized void agentFinished(String wp, double costUsd) {
        Row r = row(wp);
        r.running = false;
        r.costUsd += costUsd;
    }

    synchronized void event(String line) {
        events.addLast(line);
        while (events.size() > keepEvents) {
            events.removeFirst();
        }
    }

    private Row row(String wp) {
        return rows.computeIfAbsent(wp, Row::new);
    }

    synchronized double totalCost() {
        return rows.values().stream().mapToDouble(r -> r.costUsd).sum();
    }

    /** Renders the table and the recent events as plain lines fitting {@code width} columns. */
    synchronized List<String> render(Instant now, int width) {
        List<String> out = new ArrayList<>();
        long done = rows.values().stream().filter(r -> r.lane.equals("done")).count();
        long running = rows.values().stream().filter(r -> r.running).count();
        out.add(fit(String.format(Locale.ROOT, "mission %s  run %s  %s  %d/%d done  %d running  cost $%.4f",
                mission, runId, startedAt == null ? "" : elapsed(Duration.between(startedAt, now)), done, rows.size(),
                running, totalCost()), width));
        out.add(fit(String.format(Locale.ROOT, "%-5s %-12s %-12s %-14s %7s %8s %9s", "WP", "LANE", "ROLE", "AGENT",
                "ATTEMPT", "ELAPSED", "COST"), width));
        for (Row r : rows.values()) {
            String el = r.running && r.since != null ? elapsed(Duration.between(r.since, now)) : "";
            out.add(fit(String.format(Locale.ROOT, "%-5s %-12s %-12s %-14s %7s %8s %9s", r.wp, r.lane,
                    r.running ? r.role : "", r.running ? r.agent : (r.agent.isEmpty() ? "" : "(" + r.agent + ")"),
                    r.attempt == 0 ? "" : Integer.toString(r.attempt), el,
                    r.costUsd == 0 ? "" : String.format(Locale.ROOT, "$%.4f", r.costUsd)), width));
        }
        if (!events.isEmpty()) {
            out.add("");
            events.forEach(e -> out.add(fit(e, width)));
        }
        return out;
    }

    static String elapsed(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String fit(String s, int width) {
        return width > 1 && s.length() >= width ? s.substring(0, width - 1) : s;
    }
}
