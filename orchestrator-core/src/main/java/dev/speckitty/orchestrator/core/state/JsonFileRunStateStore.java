package dev.speckitty.orchestrator.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentUsage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** JSON file store: atomic replace, user-only permissions, tolerant of unknown fields, strict on the major schema. */
final class JsonFileRunStateStore implements RunStateStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Name of the directory, next to the state file, holding a copy of each ended run. */
    static final String HISTORY_DIRECTORY = "orchestrator-runs";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JsonFileRunStateStore.class);

    private final Path file;

    JsonFileRunStateStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    @Override
    public synchronized Optional<RunState> load() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RunStateException("cannot read run state " + file + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RunStateException("run state " + file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); move it aside to start a fresh run", e);
        }
        if (root == null || !root.isObject()) {
            throw new RunStateException("run state " + file + " is not a JSON object; move it aside to start fresh");
        }
        return Optional.of(decode(root));
    }

    @Override
    public synchronized void save(RunState state) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(encode(state));
        } catch (JsonProcessingException e) {
            throw new RunStateException("cannot render run state as JSON: " + e.getOriginalMessage(), e);
        }
        writeAtomically(file, bytes);
        if (state.status() != RunStatus.RUNNING) {
            // A copy per ended run, so the next run replacing the current-state file does not erase this one.
            writeAtomically(historyDirectory().resolve(historyFileName(state.runId())), bytes);
        }
    }

    @Override
    public synchronized List<RunState> history() {
        Path dir = historyDirectory();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RunState> runs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                try {
                    JsonNode root = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
                    if (root != null && root.isObject()) {
                        runs.add(decode(root));
                    }
                } catch (IOException | RuntimeException e) {
                    // one unreadable copy must not hide the others
                    LOG.warn("skipping unreadable run history file {}: {}", f, e.toString());
                }
            }
        } catch (IOException e) {
            throw new RunStateException("cannot list run history " + dir + ": " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing((RunState r) -> r.endedAt().orElse(r.startedAt()))
                .thenComparing(RunState::startedAt).thenComparing(RunState::runId).reversed());
        return List.copyOf(runs);
    }

    /** The directory holding one copy per ended run ({@code orchestrator-runs} next to the state file). */
    Path historyDirectory() {
        return file.getParent().resolve(HISTORY_DIRECTORY);
    }

    static String historyFileName(String runId) {
        // run ids are engine-made ULID-like strings, but never let one escape the directory
        return runId.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_") + ".json";
    }

    private static void writeAtomically(Path target, byte[] bytes) {
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createPrivateTemp(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new RunStateException("cannot write run state " + target + ": " + e.getMessage()
                    + " (the previous file, if any, is unchanged)", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray temp file is harmless
                }
            }
        }
    }

    private static Path createPrivateTemp(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, ".orchestrator-run-state-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, ".orchestrator-run-state-", ".tmp");
        }
    }

    // ---- encoding -------------------------------------------------------------------------------------------------

    static ObjectNode encode(RunState s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("schema_version", s.schemaVersion());
        o.put("run_id", s.runId());
        o.put("mission", s.mission());
        o.put("status", s.status().name().toLowerCase(Locale.ROOT));
        o.put("started_at", s.startedAt().toString());
        s.endedAt().ifPresent(t -> o.put("ended_at", t.toString()));
        o.set("launch_options", JSON.valueToTree(s.launchOptions()));
        ObjectNode wps = o.putObject("work_packages");
        s.workPackages().forEach((id, r) -> wps.set(id, encode(r)));
        return o;
    }

    private static ObjectNode encode(WorkPackageRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("wp_id", r.wpId());
        ArrayNode attempts = o.putArray("attempts");
        for (AttemptRecord a : r.attempts()) {
            ObjectNode n = attempts.addObject();
            n.put("role", a.role().name().toLowerCase(Locale.ROOT));
            n.put("attempt", a.attempt());
            n.put("agent", a.agent());
            n.put("started_at", a.startedAt().toString());
            a.endedAt().ifPresent(t -> n.put("ended_at", t.toString()));
            a.exitCode().ifPresent(c -> n.put("exit_code", c));
            a.failure().ifPresent(f -> n.put("failure", f.name().toLowerCase(Locale.ROOT)));
            n.put("outcome", a.outcome());
            a.logPath().ifPresent(p -> n.put("log_path", p));
            a.usage().ifPresent(u -> {
                ObjectNode un = n.putObject("usage");
                u.inputTokens().ifPresent(v -> un.put("input_tokens", v));
                u.outputTokens().ifPresent(v -> un.put("output_tokens", v));
                u.costUsd().ifPresent(v -> un.put("cost_usd", v));
            });
        }
        ArrayNode reviews = o.putArray("reviews");
        for (ReviewRecord rv : r.reviews()) {
            ObjectNode n = reviews.addObject();
            n.put("cycle", rv.cycle());
            n.put("reviewer", rv.reviewer());
            n.put("verdict", rv.verdict());
            n.put("reference", rv.reference());
            n.put("feedback", rv.feedback());
            rv.feedbackPath().ifPresent(p -> n.put("feedback_path", p));
            n.put("recorded_at", rv.recordedAt().toString());
        }
        ArrayNode it = o.putArray("implementation_agents_tried");
        r.implementationAgentsTried().forEach(it::add);
        ArrayNode rt = o.putArray("review_agents_tried");
        r.reviewAgentsTried().forEach(rt::add);
        r.openReviewRef().ifPresent(v -> o.put("open_review_ref", v));
        r.lastCommit().ifPresent(v -> o.put("last_commit", v));
        r.lastError().ifPresent(v -> o.put("last_error", v));
        r.quarantine().ifPresent(v -> o.put("quarantine", v));
        return o;
    }

    // ---- decoding (unknown fields ignored) ------------------------------------------------------------------------

    static RunState decode(JsonNode root) {
        String version = text(root, "schema_version").orElse("1.0");
        int major;
        try {
            major = Integer.parseInt(version.split("\\.", -1)[0].trim());
        } catch (NumberFormatException e) {
            throw new RunStateException("run state has an unreadable schema_version '" + version + "'");
        }
        if (major > RunState.SCHEMA_MAJOR) {
            throw new RunStateException("run state was written with schema " + version + " by a newer orchestrator; "
                    + "this version reads schema " + RunState.SCHEMA_MAJOR + ".x. Upgrade the orchestrator, or move "
                    + "the file aside to start a fresh run.");
        }
        RunState.Builder b = RunState.builder()
                .schemaVersion(version)
                .runId(required(root, "run_id"))
                .mission(required(root, "mission"))
                .status(parseStatus(text(root, "status").orElse("running")))
                .startedAt(instant(root, "started_at").orElse(Instant.EPOCH));
        instant(root, "ended_at").ifPresent(b::endedAt);
        JsonNode lo = root.get("launch_options");
        if (lo != null && lo.isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.convertValue(lo, LinkedHashMap.class);
            map.forEach((k, v) -> {
                if (v != null) {
                    b.putLaunchOption(k, v);
                }
            });
        }
        JsonNode wps = root.get("work_packages");
        if (wps != null && wps.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> i = wps.fields(); i.hasNext(); ) {
                Map.Entry<String, JsonNode> e = i.next();
                b.putWorkPackage(e.getKey(), decodeWp(e.getKey(), e.getValue()));
            }
        }
        return b.build();
    }

    private static WorkPackageRecord decodeWp(String id, JsonNode n) {
        WorkPackageRecord.Builder b = WorkPackageRecord.builder().wpId(text(n, "wp_id").orElse(id));
        for (JsonNode a : array(n, "attempts")) {
            Optional<AgentRole> role = enumValue(AgentRole.class, text(a, "role").orElse(""));
            if (role.isEmpty()) {
                continue; // a role this version does not know: skip rather than fail
            }
            AttemptRecord.Builder ab = AttemptRecord.builder()
                    .role(role.get())
                    .attempt(a.path("attempt").asInt(1))
                    .agent(text(a, "agent").orElse("unknown"))
                    .startedAt(instant(a, "started_at").orElse(Instant.EPOCH))
                    .outcome(text(a, "outcome").orElse(""));
            instant(a, "ended_at").ifPresent(ab::endedAt);
            if (a.hasNonNull("exit_code")) {
                ab.exitCode(a.get("exit_code").asInt());
            }
            text(a, "failure").flatMap(f -> enumValue(AgentFailure.class, f)).ifPresent(ab::failure);
            text(a, "log_path").ifPresent(ab::logPath);
            JsonNode u = a.get("usage");
            if (u != null && u.isObject()) {
                AgentUsage.Builder ub = AgentUsage.builder();
                if (u.hasNonNull("input_tokens")) {
                    ub.inputTokens(u.get("input_tokens").asLong());
                }
                if (u.hasNonNull("output_tokens")) {
                    ub.outputTokens(u.get("output_tokens").asLong());
                }
                if (u.hasNonNull("cost_usd")) {
                    ub.costUsd(u.get("cost_usd").asDouble());
                }
                ab.usage(ub.build());
            }
            b.addAttempt(ab.build());
        }
        for (JsonNode r : array(n, "reviews")) {
            ReviewRecord.Builder rb = ReviewRecord.builder()
                    .cycle(r.path("cycle").asInt(1))
                    .reviewer(text(r, "reviewer").orElse("unknown"))
                    .verdict(text(r, "verdict").orElse("changes_requested"))
                    .reference(text(r, "reference").orElse(""))
                    .feedback(text(r, "feedback").orElse(""))
                    .recordedAt(instant(r, "recorded_at").orElse(Instant.EPOCH));
            text(r, "feedback_path").ifPresent(rb::feedbackPath);
            b.addReview(rb.build());
        }
        array(n, "implementation_agents_tried").forEach(x -> b.addImplementationAgentsTried(x.asText()));
        array(n, "review_agents_tried").forEach(x -> b.addReviewAgentsTried(x.asText()));
        text(n, "open_review_ref").ifPresent(b::openReviewRef);
        text(n, "last_commit").ifPresent(b::lastCommit);
        text(n, "last_error").ifPresent(b::lastError);
        text(n, "quarantine").ifPresent(b::quarantine);
        return b.build();
    }

    private static RunStatus parseStatus(String s) {
        return enumValue(RunStatus.class, s).orElse(RunStatus.FAILED);
    }

    private static <E extends Enum<E>> Optional<E> enumValue(Class<E> type, String s) {
        try {
            return Optional.of(Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Iterable<JsonNode> array(JsonNode n, String key) {
        JsonNode a = n.get(key);
        return a != null && a.isArray() ? a : List.of();
    }

    private static Optional<String> text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static String required(JsonNode n, String key) {
        return text(n, key).filter(s -> !s.isBlank()).orElseThrow(() -> new RunStateException(
                "run state lacks the required field '" + key + "'; move the file aside to start a fresh run"));
    }

    private static Optional<Instant> instant(JsonNode n, String key) {
        return text(n, key).map(s -> {
            try {
                return Instant.parse(s);
            } catch (java.time.format.DateTimeParseException e) {
                return java.time.OffsetDateTime.parse(s).toInstant();
            }
        });
    }
}
