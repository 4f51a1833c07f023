package dev.speckitty.orchestrator.testkit.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON-lines log scripted agents append to: one {@code start} line per run, then one {@code end} line, or a
 * {@code killed} line when the run was terminated by SIGTERM/SIGINT (after SIGKILL there is neither).
 * {@link #read(Path)} joins them into {@link AgentInvocationRecord}s so tests can check, for example, that no WP had
 * two implementations at once. Instances are immutable snapshots and thread-safe.
 */
public final class AgentInvocationLog {
    private final List<AgentInvocationRecord> records;

    private AgentInvocationLog(List<AgentInvocationRecord> records) {
        this.records = List.copyOf(records);
    }

    /**
     * Reads a log. A missing file is an empty log. A torn last line (a run killed mid-write) is ignored.
     *
     * @param file the log file
     * @return the snapshot, runs ordered by start time
     * @throws IllegalArgumentException if a complete line is not a valid record (names the line)
     * @throws UncheckedIOException if the file cannot be read
     */
    public static AgentInvocationLog read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new AgentInvocationLog(List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read agent log " + file, e);
        }
        Map<String, AgentInvocationRecord.Builder> byId = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = ScenarioJson.MAPPER.readTree(line);
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    continue;
                }
                throw new IllegalArgumentException(file + " line " + (i + 1) + " is not JSON: " + e.getMessage(), e);
            }
            try {
                String id = n.get("invocation").asText();
                String event = n.get("event").asText();
                if (event.equals("start")) {
                    AgentInvocationRecord.Builder b = AgentInvocationRecord.builder()
                            .invocationId(id)
                            .wp(n.get("wp").asText())
                            .role(ScriptedRole.fromWire(n.get("role").asText()))
                            .attempt(n.get("attempt").asInt())
                            .mission(n.path("mission").asText(""))
                            .pid(n.get("pid").asLong())
                            .workspace(n.path("workspace").asText(""))
                            .startedAt(Instant.parse(n.get("at").asText()))
                            .committed(false)
                            .killed(false);
                    n.path("args").forEach(a -> b.addArg(a.asText()));
                    byId.put(id, b);
                } else if (event.equals("killed")) {
                    AgentInvocationRecord.Builder b = byId.get(id);
                    if (b == null) {
                        throw new IllegalArgumentException("killed without start for invocation " + id);
                    }
                    b.endedAt(Instant.parse(n.get("at").asText())).killed(true);
                } else if (event.equals("end")) {
                    AgentInvocationRecord.Builder b = byId.get(id);
                    if (b == null) {
                        throw new IllegalArgumentException("end without start for invocation " + id);
                    }
                    b.endedAt(Instant.parse(n.get("at").asText())).exitCode(n.get("exit_code").asInt())
                            .committed(n.path("committed").asBoolean(false));
                    n.path("files").forEach(f -> b.addFilesWritten(f.asText()));
                    n.path("subtasks_marked").forEach(f -> b.addSubtasksMarked(f.asText()));
                    if (n.hasNonNull("mark_status_exit_code")) {
                        b.markStatusExitCode(n.get("mark_status_exit_code").asInt());
                    }
                    if (n.hasNonNull("verdict")) {
                        b.verdict(n.get("verdict").asText());
                    }
                    if (n.hasNonNull("worked_ms")) {
                        b.workedMillis(n.get("worked_ms").asLong());
                    }
                    if (n.hasNonNull("stdin_bytes")) {
                        b.stdinBytes(n.get("stdin_bytes").asLong());
                    }
                    if (n.hasNonNull("prompt_record")) {
                        b.promptRecord(n.get("prompt_record").asText());
                    }
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " is not a valid agent record: "
                        + e.getMessage(), e);
            }
        }
        List<AgentInvocationRecord> result = new ArrayList<>();
        byId.values().forEach(b -> result.add(b.build()));
        result.sort(Comparator.comparing(AgentInvocationRecord::startedAt));
        return new AgentInvocationLog(result);
    }

    /**
     * Returns every run, ordered by start time.
     *
     * @return the runs
     */
    public List<AgentInvocationRecord> records() {
        return records;
    }

    /**
     * Returns the runs of one WP.
     *
     * @param wp the WP id
     * @return its runs, ordered by start time
     */
    public List<AgentInvocationRecord> forWorkPackage(String wp) {
        return records.stream().filter(r -> r.wp().equals(wp)).toList();
    }

    /**
     * Returns the runs of one role.
     *
     * @param role the role
     * @return its runs, ordered by start time
     */
    public List<AgentInvocationRecord> forRole(ScriptedRole role) {
        return records.stream().filter(r -> r.role() == role).toList();
    }

    /**
     * Returns pairs of runs of the same WP and role that overlapped in time (e.g. two implementations of one WP at
     * once). Empty when the engine never doubled up.
     *
     * @param role the role to check
     * @return the overlapping pairs, each as a two-element list (earlier start first)
     */
    public List<List<AgentInvocationRecord>> overlappingRuns(ScriptedRole role) {
        List<AgentInvocationRecord> runs = forRole(role);
        List<List<AgentInvocationRecord>> pairs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            for (int j = i + 1; j < runs.size(); j++) {
                if (runs.get(i).wp().equals(runs.get(j).wp()) && runs.get(i).overlaps(runs.get(j))) {
                    pairs.add(List.of(runs.get(i), runs.get(j)));
                }
            }
        }
        return pairs;
    }

    /**
     * Returns the largest number of runs that were running at the same instant.
     *
     * @return the peak concurrency; 0 for an empty log
     */
    public int maxConcurrency() {
        List<long[]> events = new ArrayList<>();
        for (AgentInvocationRecord r : records) {
            events.add(new long[] {micros(r.startedAt()), 1});
            events.add(new long[] {r.endedAt().map(AgentInvocationLog::micros).orElse(Long.MAX_VALUE), -1});
        }
        // Ends sort before starts at the same instant: touching intervals do not overlap.
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int current = 0;
        int max = 0;
        for (long[] e : events) {
            current += (int) e[1];
            max = Math.max(max, current);
        }
        return max;
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
}
