package dev.speckitty.orchestrator.testkit.host.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A mission's {@code status.events.jsonl}: one JSON event per line (lane transitions, annotations, subtask marks),
 * appended under the mission's lock file {@code .status.lock}. The lane of a WP is the {@code to_lane} of its last
 * lane transition.
 */
public final class EventLog {
    /** The event log's file name. */
    public static final String FILE = "status.events.jsonl";
    /** The lock file's name. */
    public static final String LOCK = ".status.lock";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Path file;
    private final Path lock;

    /**
     * Creates the log of a mission directory.
     *
     * @param missionDir the directory
     */
    public EventLog(Path missionDir) {
        this.file = missionDir.resolve(FILE);
        this.lock = missionDir.resolve(LOCK);
    }

    /**
     * Runs an action under the mission lock.
     *
     * @param action the action
     * @param <T> the result type
     * @return its result
     */
    public <T> T locked(Supplier<T> action) {
        return FileLocks.withLock(lock, action);
    }

    /**
     * Reads every event (under the lock, so a read never sees half a write).
     *
     * @return the events in order
     * @throws HostCrash when a line is not a JSON object (the host cannot read its log either)
     */
    public List<Map<String, Object>> read() {
        return locked(this::readUnlocked);
    }

    private List<Map<String, Object>> readUnlocked() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Object o = PyJson.parseOrNull(line);
            if (!(o instanceof Map<?, ?> m)) {
                throw new HostCrash("StoreError", "Invalid JSON on line " + (i + 1) + " of " + file, "read_events");
            }
            Map<String, Object> event = new LinkedHashMap<>();
            m.forEach((k, v) -> event.put(String.valueOf(k), v));
            out.add(event);
        }
        return out;
    }

    /**
     * Appends events; the caller holds the lock.
     *
     * @param events the events
     */
    public void append(List<Map<String, Object>> events) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> e : events) {
            sb.append(PyJson.dumps(e)).append('\n');
        }
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the events say about one WP. */
    public static final class WpStatus {
        String lane;
        String owner;
        int laneEvents;
        final Set<String> subtasksDone = new LinkedHashSet<>();

        /**
         * Returns the lane of the last transition, or {@code null} when there is none.
         *
         * @return the lane
         */
        public String lane() {
            return lane;
        }

        /**
         * Returns the actor of the last transition.
         *
         * @return the owner or {@code null}
         */
        public String owner() {
            return owner;
        }

        /**
         * Returns how many lane transitions the WP has.
         *
         * @return the count
         */
        public int laneEvents() {
            return laneEvents;
        }

        /**
         * Returns the subtasks marked done.
         *
         * @return the ids
         */
        public Set<String> subtasksDone() {
            return subtasksDone;
        }
    }

    /**
     * Folds events into per-WP status.
     *
     * @param events the events
     * @return WP id to status
     */
    public static Map<String, WpStatus> fold(List<Map<String, Object>> events) {
        Map<String, WpStatus> out = new HashMap<>();
        for (Map<String, Object> e : events) {
            if (!(e.get("wp_id") instanceof String wp)) {
                continue;
            }
            String type = e.get("event_type") instanceof String t ? t : "lane_transition";
            WpStatus s = out.computeIfAbsent(wp, k -> new WpStatus());
            switch (type) {
                case "lane_transition" -> {
                    if (e.get("to_lane") instanceof String to) {
                        s.lane = to;
                        s.owner = e.get("actor") instanceof String a ? a : null;
                        s.laneEvents++;
                    }
                }
                case "subtask_status" -> {
                    if (e.get("subtask_id") instanceof String t) {
                        if ("done".equals(e.get("status"))) {
                            s.subtasksDone.add(t);
                        } else {
                            s.subtasksDone.remove(t);
                        }
                    }
                }
                default -> {
                    // annotations do not change state
                }
            }
        }
        return out;
    }

    /**
     * Returns a new ULID (time-ordered, random tail), as the host uses for event ids.
     *
     * @return the id
     */
    public static String ulid() {
        long time = System.currentTimeMillis();
        char[] c = new char[26];
        for (int i = 9; i >= 0; i--) {
            c[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            c[i] = CROCKFORD[RANDOM.nextInt(32)];
        }
        return new String(c);
    }
}
