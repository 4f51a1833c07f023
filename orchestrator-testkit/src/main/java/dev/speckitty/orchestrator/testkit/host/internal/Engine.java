package dev.speckitty.orchestrator.testkit.host.internal;

import dev.speckitty.orchestrator.client.policy.PolicyRules;
import dev.speckitty.orchestrator.client.policy.PolicyViolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The command semantics of the host (contract sections 3–8) for one project root and one profile. Each call reads
 * the mission files and the event log afresh; mutations run under the mission's lock, git mutations also under a
 * repository-wide lock. Thread-safe.
 */
public final class Engine {
    static final List<String> LANES_13 = List.of("planned", "claimed", "in_progress", "for_review", "in_review",
            "approved", "done", "blocked", "canceled");
    static final List<String> LANES_FEATURE = List.of("planned", "claimed", "in_progress", "for_review", "approved",
            "done", "blocked", "canceled");
    private static final Set<String> POLICY_TARGETS = Set.of("claimed", "in_progress", "for_review", "in_review",
            "approved");
    private static final Set<String> GENERIC_OWNERS = Set.of("implement-command", "unknown");
    private static final Pattern WP_ID = Pattern.compile("^WP\\d+$");
    private static final Pattern MID8_SUFFIX = Pattern.compile("-[0-9A-HJKMNP-TV-Z]{8}$");
    private static final Pattern RUN_EVIDENCE = Pattern.compile(
            "https?://github\\.com/[^\\s]+/actions/runs/\\d+|\\b\\d{6,}\\b");
    private static final DateTimeFormatter NOTE_STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path root;
    private final Profile profile;
    private final Settings config;
    private final Git git;
    private final StringBuilder extraStdout = new StringBuilder();
    private final StringBuilder extraStderr = new StringBuilder();

    /**
     * Creates an engine for one call.
     *
     * @param root the project root
     * @param config the host config
     */
    public Engine(Path root, Settings config) {
        this.root = root.toAbsolutePath().normalize();
        this.profile = config.profile();
        this.config = config;
        this.git = new Git(config.gitTimeout());
    }

    // ------------------------------------------------------------------ entry

    /**
     * Runs {@code orchestrator-api <args>}.
     *
     * @param args the arguments after {@code orchestrator-api}
     * @return what the process prints and returns
     */
    public Outcome orchestratorApi(List<String> args) {
        Cli.Invocation inv;
        try {
            inv = Cli.parse(profile, args);
        } catch (Cli.HelpRequested h) {
            return new Outcome(0, h.getMessage(), "");
        } catch (Cli.UsageException u) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("message", u.getMessage());
            return new Outcome(2, envelope("unknown", false, "USAGE_ERROR", data), "");
        }
        return execute(inv);
    }

    /**
     * Runs a parsed invocation.
     *
     * @param inv the invocation
     * @return the outcome
     */
    public Outcome execute(Cli.Invocation inv) {
        try {
            Map<String, Object> data = dispatch(inv);
            return new Outcome(0, extraStdout + envelope(inv.command(), true, null, data), extraStderr.toString());
        } catch (Fail f) {
            return new Outcome(f.exit, extraStdout + envelope(inv.command(), false, f.code, f.data),
                    extraStderr.toString());
        } catch (HostCrash c) {
            return new Outcome(1, "", extraStderr + c.traceback());
        } catch (Git.GitException | UncheckedIOException e) {
            return new Outcome(1, "", extraStderr + HostCrash.traceback("RuntimeError", e.getMessage(),
                    inv.command().replace('-', '_')));
        }
    }

    private Map<String, Object> dispatch(Cli.Invocation inv) {
        return switch (inv.command()) {
            case "contract-version" -> contractVersion(inv);
            case "mission-state", "feature-state" -> missionState(inv);
            case "list-ready" -> listReady(inv);
            case "resolve-workspace" -> resolveWorkspace(inv);
            case "start-implementation" -> startImplementation(inv);
            case "start-review" -> startReview(inv);
            case "transition" -> transition(inv);
            case "append-history" -> appendHistory(inv);
            case "accept-mission", "accept-feature" -> acceptMission(inv);
            case "merge-mission", "merge-feature" -> mergeMission(inv);
            default -> throw new IllegalStateException("unhandled command " + inv.command());
        };
    }

    // ------------------------------------------------------------------ envelope

    /**
     * Builds one envelope line (with its newline).
     *
     * @param command the subcommand or {@code unknown}
     * @param success the success flag
     * @param code the error code or {@code null}
     * @param data the payload
     * @return the line
     */
    public String envelope(String command, boolean success, String code, Map<String, Object> data) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("contract_version", profile.contractVersion());
        env.put("command", "orchestrator-api." + command);
        env.put("timestamp", isoNow());
        env.put("correlation_id", "corr-" + hex32());
        env.put("success", success);
        env.put("error_code", code);
        env.put("data", data);
        return PyJson.dumps(env) + "\n";
    }

    static String isoNow() {
        return iso(Instant.now());
    }

    static String iso(Instant instant) {
        Instant t = instant.truncatedTo(ChronoUnit.MICROS);
        String base = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(t);
        int micros = t.getNano() / 1000;
        return base + (micros == 0 ? "" : String.format(".%06d", micros)) + "+00:00";
    }

    static String hex32() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private Fail fail(String code, Map<String, Object> data, String message) {
        Map<String, Object> d = new LinkedHashMap<>(data);
        // 3.2.6rc3 always adds message last; older hosts only when nothing structured is reported
        if (d.isEmpty() || profile == Profile.V1_3_0) {
            d.put("message", message);
        }
        return new Fail(code, d, 1);
    }

    private Fail fail(String code, String message) {
        return fail(code, Map.of(), message);
    }

    // ------------------------------------------------------------------ missions

    /** A resolved mission plus the selector used. */
    record Ctx(Mission mission, String selector, EventLog log) {}

    private Ctx resolve(String selector) {
        Mission m = resolveMission(root, selector, profile.featureEra());
        if (m == null) {
            if (profile.featureEra()) {
                throw fail("FEATURE_NOT_FOUND", "Feature '" + selector + "' not found in kitty-specs/");
            }
            throw fail("MISSION_NOT_FOUND", "Mission '" + selector + "' not found in kitty-specs/");
        }
        if (!profile.featureEra() && m.meta().get("coordination_branch") instanceof String coord && !coord.isBlank()
                && m.missionId().isEmpty() && !(m.meta().get("mid8") instanceof String)
                && !MID8_SUFFIX.matcher(m.dirName()).find()) {
            Map<String, Object> d = new LinkedHashMap<>();
            String path = m.dir().toString();
            d.put("message", "Status read path not found for '" + m.slug() + "' (mid8=''): checked " + path + " and "
                    + path);
            d.put("mission_slug", m.slug());
            d.put("mid8", "");
            d.put("coord_candidate", path);
            d.put("primary_candidate", path);
            throw new Fail("STATUS_READ_PATH_NOT_FOUND", d, 1);
        }
        return new Ctx(m, selector, new EventLog(m.dir()));
    }

    /**
     * Resolves a mission selector like the host's resolver: ULID, mid8, directory name, slug without numeric prefix
     * (or without mid8 suffix), numeric prefix; first form with a match wins.
     *
     * @param root the project root
     * @param selector the selector
     * @param exactOnly feature era: literal directory names only
     * @return the mission, or {@code null} when none matches
     * @throws HostCrash when the selector is unsafe or ambiguous
     */
    public static Mission resolveMission(Path root, String selector, boolean exactOnly) {
        if (selector.contains("/") || selector.contains("\\") || selector.contains("..") || selector.startsWith(".")
                || selector.indexOf('\0') >= 0) {
            throw new HostCrash("ValueError", "Unsafe mission selector: '" + selector + "' is not a safe path segment",
                    "resolve_mission");
        }
        if (selector.isBlank()) {
            return null;
        }
        Path specs = root.resolve("kitty-specs");
        if (!Files.isDirectory(specs)) {
            return null;
        }
        Path exact = specs.resolve(selector);
        boolean exactExists = Files.isDirectory(exact);
        if (exactOnly) {
            return exactExists ? Mission.load(exact) : null;
        }
        boolean idLike = selector.length() == 26 || selector.length() == 8;
        if (exactExists && !idLike) {
            return Mission.load(exact);
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(specs)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Path, String> ids = new LinkedHashMap<>();
        for (Path d : dirs) {
            ids.put(d, readMissionId(d));
        }
        String upper = selector.toUpperCase();
        List<List<Path>> forms = new ArrayList<>();
        forms.add(ids.entrySet().stream().filter(e -> upper.equals(e.getValue())).map(Map.Entry::getKey).toList());
        forms.add(selector.length() == 8 ? ids.entrySet().stream()
                .filter(e -> e.getValue() != null && e.getValue().startsWith(upper)).map(Map.Entry::getKey).toList()
                : List.of());
        forms.add(exactExists ? List.of(exact) : List.of());
        forms.add(ids.entrySet().stream().filter(e -> e.getValue() != null
                && humanSlugs(e.getKey().getFileName().toString(), e.getValue()).contains(selector))
                .map(Map.Entry::getKey).toList());
        forms.add(selector.matches("\\d+") ? ids.entrySet().stream().filter(e -> e.getValue() != null
                && e.getKey().getFileName().toString().startsWith(selector + "-")).map(Map.Entry::getKey).toList()
                : List.of());
        for (List<Path> hits : forms) {
            if (hits.size() == 1) {
                return Mission.load(hits.get(0));
            }
            if (hits.size() > 1) {
                throw new HostCrash("specify_cli.missions.MissionSelectorAmbiguous", "Mission selector '" + selector
                        + "' is ambiguous; it matches " + hits.stream().map(p -> p.getFileName().toString()).toList(),
                        "resolve_mission");
            }
        }
        return null;
    }

    private static Set<String> humanSlugs(String dirName, String missionId) {
        Set<String> out = new TreeSet<>();
        String noPrefix = dirName.replaceFirst("^\\d+-", "");
        out.add(noPrefix);
        String suffix = "-" + missionId.substring(0, 8);
        if (noPrefix.toUpperCase().endsWith(suffix)) {
            out.add(noPrefix.substring(0, noPrefix.length() - suffix.length()));
        }
        out.remove(dirName);
        return out;
    }

    private static String readMissionId(Path dir) {
        Path meta = dir.resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            return null;
        }
        try {
            Object o = PyJson.parseOrNull(Files.readString(meta, StandardCharsets.UTF_8));
            if (o instanceof Map<?, ?> m && m.get("mission_id") instanceof String id && id.length() == 26) {
                return id.toUpperCase();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private Map<String, Object> identity(Ctx c) {
        Map<String, Object> id = new LinkedHashMap<>();
        if (profile.featureEra()) {
            id.put("feature_slug", c.selector());
            return id;
        }
        Mission m = c.mission();
        id.put("mission_slug", m.slug());
        Object number = m.meta().get("mission_number");
        id.put("mission_number", number instanceof Long n ? n
                : number instanceof String s && s.matches("\\d+") ? Long.valueOf(s) : null);
        Object type = m.meta().get("mission_type");
        id.put("mission_type", type instanceof String s ? s : profile == Profile.V1_3_0 ? "" : "software-dev");
        return id;
    }

    private Path promptFile(Ctx c, String wp) {
        return c.mission().promptFile(wp).orElseThrow(() ->
                fail("WP_NOT_FOUND", "Work package '" + wp + "' not found in " + c.selector()));
    }

    private List<String> dependencies(Ctx c, String wp, Path prompt) {
        Optional<Mission.Wp> w = c.mission().wp(wp);
        if (w.isPresent()) {
            return w.get().dependencies();
        }
        try {
            return FrontMatter.list(FrontMatter.parse(Files.readString(prompt, StandardCharsets.UTF_8)),
                    "dependencies");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> subtasks(Ctx c, String wp, Path prompt) {
        Optional<Mission.Wp> w = c.mission().wp(wp);
        if (w.isPresent()) {
            return w.get().subtasks();
        }
        try {
            return FrontMatter.list(FrontMatter.parse(Files.readString(prompt, StandardCharsets.UTF_8)), "subtasks");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event-derived view of a mission. */
    final class View {
        final Ctx ctx;
        final Map<String, EventLog.WpStatus> status;
        final boolean seeded;

        View(Ctx ctx, List<Map<String, Object>> events) {
            this.ctx = ctx;
            this.status = EventLog.fold(events);
            this.seeded = !config.unseededMissions().contains(ctx.mission().dirName());
        }

        /** The lane from events, {@code planned} for a seeded WP with a file, else {@code null} (genesis). */
        String lane(String wp) {
            EventLog.WpStatus s = status.get(wp);
            if (s != null && s.lane() != null) {
                return s.lane();
            }
            if (seeded && ctx.mission().wp(wp).isPresent()) {
                return "planned";
            }
            return null;
        }

        String owner(String wp) {
            EventLog.WpStatus s = status.get(wp);
            return s == null ? null : s.owner();
        }

        int laneEvents(String wp) {
            EventLog.WpStatus s = status.get(wp);
            return s == null ? 0 : s.laneEvents();
        }

        Set<String> subtasksDone(String wp) {
            EventLog.WpStatus s = status.get(wp);
            return s == null ? Set.of() : s.subtasksDone();
        }

        /** Every WP known from files, dependencies or events, sorted. */
        TreeSet<String> allWps() {
            TreeSet<String> all = new TreeSet<>();
            for (Mission.Wp w : ctx.mission().wps()) {
                all.add(w.id());
                all.addAll(w.dependencies());
            }
            status.forEach((wp, s) -> {
                if (s.laneEvents() > 0) {
                    all.add(wp);
                }
            });
            return all;
        }

        boolean satisfied(String dep) {
            String lane = status.containsKey(dep) && status.get(dep).lane() != null ? status.get(dep).lane()
                    : null;
            if (lane == null) {
                return false; // a dependency without events is never satisfied
            }
            return profile.featureEra() ? lane.equals("done") : lane.equals("approved") || lane.equals("done");
        }
    }

    private View view(Ctx c) {
        View v = new View(c, c.log().read());
        for (Map.Entry<String, EventLog.WpStatus> e : v.status.entrySet()) {
            String lane = e.getValue().lane();
            if (lane != null && !LANES_13.contains(lane) && !lane.equals("genesis") && !lane.equals("uninitialized")) {
                throw new HostCrash("ValueError", "Unknown lane: '" + lane + "' (event log of " + c.mission().dirName()
                        + ", " + e.getKey() + ")", "reduce_events");
            }
        }
        return v;
    }

    // ------------------------------------------------------------------ commands

    private Map<String, Object> contractVersion(Cli.Invocation inv) {
        String v = inv.get("provider-version");
        Map<String, Object> data = new LinkedHashMap<>();
        if (v != null) {
            Optional<Pep440.Version> parsed = Pep440.parse(v);
            if (parsed.isEmpty()) {
                data.put("provider_version", v);
                throw fail("CONTRACT_VERSION_MISMATCH", data, "Provider version '" + v
                        + "' is not a valid version string");
            }
            if (parsed.get().compareTo(Pep440.parse("0.1.0").orElseThrow()) < 0) {
                data.put("provider_version", v);
                data.put("min_supported_provider_version", "0.1.0");
                data.put("api_version", profile.contractVersion());
                throw fail("CONTRACT_VERSION_MISMATCH", data, "Provider version '" + v + "' is below minimum '0.1.0'");
            }
        }
        data.put("api_version", profile.contractVersion());
        data.put("min_supported_provider_version", "0.1.0");
        return data;
    }

    private String selector(Cli.Invocation inv) {
        return profile.featureEra() ? inv.get("feature") : inv.get("mission");
    }

    private Map<String, Object> missionState(Cli.Invocation inv) {
        Ctx c = resolve(selector(inv));
        View v = view(c);
        List<String> keys = profile.featureEra() ? LANES_FEATURE : LANES_13;
        Map<String, Object> summary = new LinkedHashMap<>();
        keys.forEach(k -> summary.put(k, 0L));
        List<Object> wps = new ArrayList<>();
        for (String wp : v.allWps()) {
            String lane = v.lane(wp);
            if (lane != null && summary.containsKey(lane)) {
                summary.put(lane, (Long) summary.get(lane) + 1);
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("wp_id", wp);
            e.put("lane", lane == null ? "planned" : lane);
            e.put("dependencies", c.mission().wp(wp).map(Mission.Wp::dependencies).orElse(List.of()));
            e.put("last_actor", null);
            wps.add(e);
        }
        Map<String, Object> data = identity(c);
        data.put("summary", summary);
        data.put("work_packages", wps);
        return data;
    }

    private Map<String, Object> listReady(Cli.Invocation inv) {
        Ctx c = resolve(selector(inv));
        View v = view(c);
        List<Object> ready = new ArrayList<>();
        for (Mission.Wp w : c.mission().wps()) {
            String lane = v.lane(w.id());
            if (lane != null && !lane.equals("planned")) {
                continue;
            }
            if (!w.dependencies().stream().allMatch(v::satisfied)) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("wp_id", w.id());
            e.put("lane", "planned");
            e.put("dependencies_satisfied", true);
            if (profile.featureEra()) {
                e.put("recommended_base", w.dependencies().isEmpty() ? null
                        : w.dependencies().get(w.dependencies().size() - 1));
            }
            ready.add(e);
        }
        Map<String, Object> data = identity(c);
        data.put("ready_work_packages", ready);
        return data;
    }

    /** Where a WP works: its lane worktree, or the legacy per-WP path. */
    record Workspace(Path path, String laneId, String laneBranch, String baseRef) {
        boolean lane() {
            return laneId != null;
        }
    }

    private Workspace workspace(Ctx c, String wp) {
        Optional<Mission.LaneDef> lane = profile.atLeast(Profile.V1_1_0) ? c.mission().laneOf(wp)
                : Optional.empty();
        if (lane.isPresent()) {
            String mb = missionBranch(c);
            return new Workspace(root.resolve(".worktrees").resolve(c.selector() + "-" + lane.get().laneId()),
                    lane.get().laneId(), mb + "-" + lane.get().laneId(), mb);
        }
        return new Workspace(root.resolve(".worktrees").resolve(c.selector() + "-" + wp), null, null, null);
    }

    private static String missionBranch(Ctx c) {
        return "kitty/mission-" + c.mission().slug();
    }

    private void putLaneFields(Map<String, Object> data, Workspace ws) {
        if (ws.lane()) {
            data.put("lane_id", ws.laneId());
            data.put("lane_branch", ws.laneBranch());
            data.put("lane_base_ref", ws.baseRef());
        }
    }

    private Map<String, Object> resolveWorkspace(Cli.Invocation inv) {
        Ctx c = resolve(inv.get("mission"));
        String wp = inv.get("wp");
        Path prompt = promptFile(c, wp);
        Workspace ws = workspace(c, wp);
        Map<String, Object> data = identity(c);
        data.put("wp_id", wp);
        data.put("workspace_path", ws.path().toString());
        data.put("prompt_path", prompt.toString());
        putLaneFields(data, ws);
        return data;
    }

    private String checkPolicy(Cli.Invocation inv, boolean required, String missingMessage) {
        String policy = inv.get("policy");
        if (policy == null || policy.isEmpty()) {
            if (required) {
                throw fail("POLICY_METADATA_REQUIRED", missingMessage);
            }
            return null;
        }
        Optional<PolicyViolation> violation = PolicyRules.check(policy);
        if (violation.isPresent()) {
            throw fail("POLICY_VALIDATION_FAILED", violation.get().message());
        }
        return policy;
    }

    private static Map<String, Object> policyMap(String policy) {
        if (policy == null) {
            return null;
        }
        Map<?, ?> raw = (Map<?, ?>) PyJson.parseOrNull(policy);
        Map<String, Object> stored = new LinkedHashMap<>();
        for (String k : List.of("orchestrator_id", "orchestrator_version", "agent_family", "approval_mode",
                "sandbox_mode", "network_mode", "dangerous_flags", "tool_restrictions")) {
            stored.put(k, raw.get(k));
        }
        return stored;
    }

    private static boolean compatibleOwner(String owner, String actor) {
        return owner == null || owner.isBlank() || GENERIC_OWNERS.contains(owner.trim())
                || owner.trim().equals(actor.trim());
    }

    private Map<String, Object> laneEvent(Ctx c, String wp, String from, String to, String actor, boolean force,
            String reason, String reviewRef, Object reviewResult, Object evidence, Map<String, Object> policy) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", EventLog.ulid());
        e.put("event_type", "lane_transition");
        e.put("mission_slug", c.selector());
        e.put("wp_id", wp);
        e.put("from_lane", from);
        e.put("to_lane", to);
        e.put("at", isoNow());
        e.put("actor", actor);
        e.put("force", force);
        e.put("execution_mode", "orchestrator_api");
        e.put("reason", reason);
        e.put("review_ref", reviewRef);
        e.put("review_result", reviewResult);
        e.put("evidence", evidence);
        e.put("policy_metadata", policy);
        return e;
    }

    private Map<String, Object> startImplementation(Cli.Invocation inv) {
        String policy = checkPolicy(inv, true, "--policy is required for start-implementation");
        Ctx c = resolve(selector(inv));
        String wp = inv.get("wp");
        String actor = inv.get("actor");
        Path prompt = promptFile(c, wp);
        return c.log().locked(() -> {
            View v = view(c);
            String lane = v.lane(wp);
            if (!profile.featureEra() && (lane == null || lane.equals("planned") || lane.equals("claimed"))) {
                List<String> unsatisfied = dependencies(c, wp, prompt).stream().filter(d -> !v.satisfied(d)).toList();
                if (!unsatisfied.isEmpty()) {
                    Map<String, Object> d = identity(c);
                    d.put("wp_id", wp);
                    d.put("unsatisfied_dependencies", unsatisfied);
                    throw fail("DEPENDENCIES_NOT_SATISFIED", d, "dependencies_not_satisfied: " + wp + " depends on "
                            + String.join(", ", unsatisfied)
                            + "; all dependencies must be approved or done before implementation can start");
                }
            }
            Workspace ws = workspace(c, wp);
            if (ws.lane()) {
                allocateLane(c, wp, ws, v, prompt);
            }
            String owner = v.owner(wp);
            Map<String, Object> pol = policyMap(policy);
            String from;
            boolean noOp = false;
            if (lane == null) {
                throw fail("TRANSITION_REJECTED", "WP " + wp
                        + " is not finalized; run `spec-kitty agent mission finalize-tasks`");
            } else if (lane.equals("planned")) {
                from = "planned";
                c.log().append(List.of(
                        laneEvent(c, wp, "planned", "claimed", actor, false, "Claimed via orchestrator-api", null,
                                null, null, pol),
                        laneEvent(c, wp, "claimed", "in_progress", actor, false, "Started implementation", null,
                                null, null, pol)));
            } else if (lane.equals("claimed") || lane.equals("in_progress")) {
                if (!compatibleOwner(owner, actor)) {
                    Map<String, Object> d = identity(c);
                    d.put("claimed_by", owner);
                    d.put("requesting_actor", actor);
                    throw fail("WP_ALREADY_CLAIMED", d, "WP " + wp + " is already claimed for implementation by '"
                            + owner + "'");
                }
                from = lane;
                if (lane.equals("claimed")) {
                    c.log().append(List.of(laneEvent(c, wp, "claimed", "in_progress", actor, false,
                            "Started implementation", null, null, null, pol)));
                } else {
                    noOp = true;
                }
            } else {
                throw fail("TRANSITION_REJECTED", "WP " + wp + " is in '" + lane + "', cannot start implementation");
            }
            Map<String, Object> data = identity(c);
            data.put("wp_id", wp);
            data.put("from_lane", from);
            data.put("to_lane", "in_progress");
            data.put("workspace_path", ws.path().toString());
            data.put("prompt_path", prompt.toString());
            data.put("policy_metadata_recorded", true);
            data.put("no_op", noOp);
            putLaneFields(data, ws);
            return data;
        });
    }

    private Path gitLock() {
        return root.resolve(".kittify").resolve("sim-host").resolve("git.lock");
    }

    private String targetBranch(Ctx c) {
        for (String key : List.of("merge_target_branch", "target_branch")) {
            if (c.mission().meta().get(key) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        Git.Result head = git.run(root, "symbolic-ref", "--quiet", "--short", "HEAD");
        return head.ok() && !head.out().isEmpty() ? head.out() : "main";
    }

    private void allocateLane(Ctx c, String wp, Workspace ws, View v, Path prompt) {
        FileLocks.withLock(gitLock(), () -> {
            String mb = ws.baseRef();
            String reason = null;
            try {
                if (!git.branchExists(root, mb)) {
                    String target = targetBranch(c);
                    Git.Result r = git.run(root, "branch", mb, target);
                    if (!r.ok()) {
                        reason = "Failed to create mission branch " + mb + " from " + target + ": " + r.error();
                    }
                }
                if (reason == null && !git.branchExists(root, ws.laneBranch())) {
                    Git.Result r = git.run(root, "branch", ws.laneBranch(), mb);
                    if (!r.ok()) {
                        reason = "Failed to create lane branch " + ws.laneBranch() + " from " + mb + ": " + r.error();
                    }
                }
                if (reason == null && !Files.exists(ws.path())) {
                    git.run(root, "worktree", "prune");
                    Git.Result r = git.run(root, "worktree", "add", ws.path().toString(), ws.laneBranch());
                    if (!r.ok()) {
                        reason = "Failed to create lane worktree " + ws.path() + ": " + r.error();
                    }
                } else if (reason == null && !Files.exists(ws.path().resolve(".git"))) {
                    reason = "Lane worktree path " + ws.path() + " exists but is not a git worktree";
                }
                if (reason == null) {
                    reason = mergeDependencyLanes(c, wp, ws, v, prompt);
                }
            } catch (Git.GitException e) {
                reason = e.getMessage();
            }
            if (reason != null) {
                Map<String, Object> d = identity(c);
                d.put("wp_id", wp);
                d.put("reason", reason);
                throw fail("LANE_ALLOCATION_FAILED", d, reason);
            }
            return null;
        });
    }

    private String mergeDependencyLanes(Ctx c, String wp, Workspace ws, View v, Path prompt) {
        for (String dep : dependencies(c, wp, prompt)) {
            Optional<Mission.LaneDef> depLane = c.mission().laneOf(dep);
            if (depLane.isEmpty() || depLane.get().laneId().equals(ws.laneId()) || !v.satisfied(dep)) {
                continue;
            }
            String depBranch = ws.baseRef() + "-" + depLane.get().laneId();
            if (!git.branchExists(root, depBranch)
                    || git.run(root, "merge-base", "--is-ancestor", depBranch, ws.laneBranch()).ok()) {
                continue;
            }
            if (!git.run(ws.path(), "status", "--porcelain", "--untracked-files=no").out().isEmpty()) {
                return "Lane worktree " + ws.path() + " has uncommitted changes; cannot merge dependency lane "
                        + depBranch;
            }
            Git.Result r = git.run(ws.path(), "merge", "--no-ff", "--no-edit", "-m",
                    "Merge dependency lane " + depBranch + " into " + ws.laneBranch(), depBranch);
            if (!r.ok()) {
                git.run(ws.path(), "merge", "--abort");
                return "Merging dependency lane " + depBranch + " into " + ws.laneBranch() + " failed: " + r.error();
            }
        }
        return null;
    }

    private Map<String, Object> startReview(Cli.Invocation inv) {
        String policyRaw = inv.get("policy");
        if (policyRaw == null || policyRaw.isEmpty()) {
            throw fail("POLICY_METADATA_REQUIRED", "--policy is required for start-review");
        }
        String reviewRef = inv.get("review-ref");
        if (profile.featureEra() && (reviewRef == null || reviewRef.isBlank())) {
            throw fail("TRANSITION_REJECTED", "--review-ref is required for start-review");
        }
        String policy = checkPolicy(inv, true, "--policy is required for start-review");
        Ctx c = resolve(selector(inv));
        String wp = inv.get("wp");
        String actor = inv.get("actor");
        Path prompt = promptFile(c, wp);
        return c.log().locked(() -> {
            View v = view(c);
            String lane = v.lane(wp);
            Map<String, Object> pol = policyMap(policy);
            String from;
            String to = profile.featureEra() ? "in_progress" : "in_review";
            boolean noOp = false;
            if ("for_review".equals(lane)) {
                from = "for_review";
                c.log().append(List.of(laneEvent(c, wp, "for_review", to, actor, false,
                        "Started review via action command", reviewRef, null, null, pol)));
            } else if ("in_review".equals(lane) && !profile.featureEra()) {
                String holder = v.owner(wp);
                // 3.2.6rc2+: a collision needs the holder's reviewer role, which orchestrator-api never records
                if (profile != Profile.V1_3_0 && !compatibleOwner(holder, actor)) {
                    Map<String, Object> d = identity(c);
                    d.put("claimed_by", holder);
                    d.put("requesting_actor", actor);
                    throw fail("WP_ALREADY_CLAIMED", d, "WP " + wp + " is already claimed for review by '" + holder
                            + "'");
                }
                from = "in_review";
                noOp = true;
            } else {
                throw fail("TRANSITION_REJECTED", "WP " + wp + " is in '" + (lane == null ? "genesis" : lane)
                        + "', cannot start review");
            }
            Map<String, Object> data = identity(c);
            data.put("wp_id", wp);
            data.put("from_lane", from);
            data.put("to_lane", to);
            data.put("prompt_path", prompt.toString());
            data.put("policy_metadata_recorded", true);
            if (!profile.featureEra()) {
                data.put("no_op", noOp);
            }
            return data;
        });
    }

    private static boolean blank(Object o) {
        return !(o instanceof String s) || s.isBlank();
    }

    private Fail usage(String message) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("message", message);
        return new Fail("USAGE_ERROR", d, 1);
    }

    private Map<String, Object> jsonOption(Cli.Invocation inv, String name) {
        String raw = inv.get(name);
        if (raw == null) {
            return null;
        }
        Object parsed;
        try {
            parsed = PyJson.parse(raw);
        } catch (PyJson.JsonSyntaxException e) {
            throw usage("Invalid JSON in --" + name + ": " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw usage("--" + name + " must decode to a JSON object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, val) -> out.put(String.valueOf(k), val));
        return out;
    }

    private Map<String, Object> transition(Cli.Invocation inv) {
        String rawTo = inv.get("to");
        String to = rawTo.trim().toLowerCase();
        if (to.equals("doing")) {
            to = "in_progress";
        }
        List<String> known = new ArrayList<>(profile.featureEra() ? LANES_FEATURE : LANES_13);
        if (!profile.featureEra()) {
            known.add("genesis");
            known.add("uninitialized");
        }
        if (!known.contains(to)) {
            throw new HostCrash("ValueError", "Unknown lane: '" + rawTo + "'", "transition");
        }
        final String target = to;
        boolean policyRequired = POLICY_TARGETS.contains(to) && !(profile.featureEra() && to.equals("approved"));
        String policy = checkPolicy(inv, policyRequired, "--policy is required when transitioning to '" + to + "'");
        Map<String, Object> evidence = profile.featureEra() ? null : jsonOption(inv, "evidence-json");
        Map<String, Object> reviewResult = null;
        if (profile.atLeast(Profile.V1_3_0)) {
            reviewResult = jsonOption(inv, "review-result-json");
            if (reviewResult != null) {
                if (blank(reviewResult.get("reviewer")) || blank(reviewResult.get("verdict"))
                        || blank(reviewResult.get("reference"))) {
                    throw usage("--review-result-json requires non-empty reviewer, verdict, and reference strings");
                }
                if (!List.of("approved", "changes_requested").contains(reviewResult.get("verdict"))) {
                    throw usage("--review-result-json verdict must be 'approved' or 'changes_requested'");
                }
                Object fp = reviewResult.get("feedback_path");
                if (fp != null && !(fp instanceof String)) {
                    throw usage("--review-result-json feedback_path must be a string");
                }
            }
        }
        Ctx c = resolve(selector(inv));
        String wp = inv.get("wp");
        String actor = inv.get("actor");
        boolean force = inv.flag("force");
        Path prompt = promptFile(c, wp);
        Workspace ws = workspace(c, wp);
        if (to.equals("for_review") && !force && ws.lane()) {
            commitGate(c, wp, ws);
        }
        final Map<String, Object> rr = reviewResult;
        return c.log().locked(() -> {
            View v = view(c);
            String from = v.lane(wp) == null ? "genesis" : v.lane(wp);
            if (evidence != null) {
                checkEvidence(evidence);
            }
            String rejection = force ? forceCheck(actor, inv.get("note"), target)
                    : guard(c, v, wp, prompt, from, target, inv, evidence, rr);
            if (rejection != null) {
                throw fail("TRANSITION_REJECTED", rejection);
            }
            c.log().append(List.of(laneEvent(c, wp, from, target, actor, force, inv.get("note"),
                    inv.get("review-ref"), rr, evidence, policyMap(policy))));
            if (!profile.featureEra() && (target.equals("approved") || target.equals("done")) && evidence == null) {
                extraStderr.append("Warning: StatusTransitionPayload payload validation failed: 1 validation error \n"
                        + "for StatusTransitionPayload\n  Value error, to_lane in {'approved', 'done'} requires "
                        + "evidence \n");
            }
            Map<String, Object> data = identity(c);
            data.put("wp_id", wp);
            data.put("from_lane", from);
            data.put("to_lane", target);
            data.put("policy_metadata_recorded", policy != null);
            return data;
        });
    }

    private void commitGate(Ctx c, String wp, Workspace ws) {
        boolean ok = false;
        if (Files.exists(ws.path()) && git.branchExists(root, ws.laneBranch()) && git.refExists(root, ws.baseRef())) {
            Git.Result r = git.run(root, "rev-list", "--count", ws.baseRef() + ".." + ws.laneBranch());
            ok = r.ok() && Long.parseLong(r.out()) > 0;
        }
        if (!ok) {
            Map<String, Object> d = identity(c);
            d.put("wp_id", wp);
            d.put("lane_id", ws.laneId());
            throw fail("TRANSITION_REJECTED", d, wp + " cannot move to for_review: no implementation commit on lane "
                    + ws.laneId() + " (" + ws.laneBranch() + ") beyond " + ws.baseRef()
                    + ". Commit the work in the lane worktree first, or pass --force if there is genuinely nothing to"
                    + " commit.");
        }
    }

    private void checkEvidence(Map<String, Object> evidence) {
        if (!(evidence.get("review") instanceof Map<?, ?> review) || !truthy(review.get("reviewer"))
                || !truthy(review.get("verdict")) || !truthy(review.get("reference"))) {
            throw fail("TRANSITION_REJECTED",
                    "Moving to done requires evidence with review.reviewer review.verdict, and review.reference");
        }
        checkItems(evidence.get("repos"), "RepoEvidence", Set.of("repo", "branch", "commit"), Set.of("files_touched"));
        checkItems(evidence.get("verification"), "VerificationResult", Set.of("command", "result", "summary"),
                Set.of());
    }

    private static void checkItems(Object items, String type, Set<String> required, Set<String> optional) {
        if (items == null) {
            return;
        }
        if (!(items instanceof List<?> list)) {
            throw new HostCrash("TypeError", "'" + type + "' items must be given as a list", "_build_done_evidence");
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new HostCrash("TypeError", type + "() argument after ** must be a mapping",
                        "_build_done_evidence");
            }
            for (Object k : m.keySet()) {
                if (!required.contains(k) && !optional.contains(k)) {
                    throw new HostCrash("TypeError", type + ".__init__() got an unexpected keyword argument '" + k
                            + "'", "_build_done_evidence");
                }
            }
            for (String k : required) {
                if (!m.containsKey(k)) {
                    throw new HostCrash("TypeError", type + ".__init__() missing 1 required positional argument: '"
                            + k + "'", "_build_done_evidence");
                }
            }
        }
    }

    private static boolean truthy(Object o) {
        return o instanceof String s ? !s.isEmpty() : o != null && !Boolean.FALSE.equals(o);
    }

    private static String forceCheck(String actor, String note, String to) {
        if (actor == null || actor.isBlank() || note == null || note.isBlank()) {
            return "Force transitions require actor and reason";
        }
        if (to.equals("genesis")) {
            return "Cannot transition to genesis";
        }
        return null;
    }

    private static final Map<String, Set<String>> EDGES = Map.of(
            "planned", Set.of("claimed", "blocked", "canceled"),
            "claimed", Set.of("in_progress", "blocked", "canceled"),
            "in_progress", Set.of("for_review", "approved", "planned", "blocked", "canceled"),
            "for_review", Set.of("in_review", "blocked", "canceled"),
            "in_review", Set.of("approved", "done", "in_progress", "planned", "blocked", "canceled"),
            "approved", Set.of("done", "in_progress", "planned", "blocked", "canceled"),
            "blocked", Set.of("in_progress", "canceled"),
            "genesis", Set.of("planned", "canceled"));

    private static final Map<String, Set<String>> FEATURE_EDGES = Map.of(
            "planned", Set.of("claimed", "blocked", "canceled"),
            "claimed", Set.of("in_progress", "blocked", "canceled"),
            "in_progress", Set.of("for_review", "approved", "planned", "blocked", "canceled"),
            "for_review", Set.of("approved", "done", "in_progress", "planned", "blocked", "canceled"),
            "approved", Set.of("done", "in_progress", "planned", "blocked", "canceled"),
            "blocked", Set.of("in_progress", "canceled"),
            "genesis", Set.of("planned", "canceled"));

    private static final String EVIDENCE_MSG =
            "Transition to approved/done requires evidence (reviewer identity and approval reference)";

    private String guard(Ctx c, View v, String wp, Path prompt, String from, String to, Cli.Invocation inv,
            Map<String, Object> evidence, Map<String, Object> rr) {
        Map<String, Set<String>> edges = profile.featureEra() ? FEATURE_EDGES : EDGES;
        if (!edges.getOrDefault(from, Set.of()).contains(to)) {
            return "Illegal transition: " + from + " -> " + to;
        }
        String actor = inv.get("actor");
        String reviewRef = inv.get("review-ref");
        if (profile.featureEra()) {
            if (to.equals("approved") || to.equals("done")) {
                return EVIDENCE_MSG;
            }
            if ((from.equals("for_review") || from.equals("approved"))
                    && (to.equals("in_progress") || to.equals("planned")) && blank(reviewRef)) {
                return "Transition requires review_ref (review feedback reference)";
            }
        }
        switch (from + "->" + to) {
            case "planned->claimed", "for_review->in_review" -> {
                return blank(actor) ? "Transition requires actor identity" : null;
            }
            case "in_progress->for_review" -> {
                List<String> roster = subtasks(c, wp, prompt);
                boolean honourFlag = !profile.atLeast(Profile.V1_3_0) && inv.flag("subtasks-complete");
                if (!honourFlag && !v.subtasksDone(wp).containsAll(roster)) {
                    return "Transition in_progress -> for_review requires completed subtasks or force with reason";
                }
                if (!inv.flag("implementation-evidence-present") && v.laneEvents(wp) == 0) {
                    return "Transition in_progress -> for_review requires implementation evidence or force with"
                            + " reason";
                }
                return null;
            }
            case "in_progress->approved", "approved->done" -> {
                return evidenceApproves(evidence) ? null : EVIDENCE_MSG;
            }
            case "in_progress->planned" -> {
                return blank(inv.get("note")) ? "Transition in_progress -> planned requires reason" : null;
            }
            case "approved->in_progress", "approved->planned" -> {
                return blank(reviewRef) ? "Transition requires review_ref (review feedback reference)" : null;
            }
            default -> {
                // fall through to the in_review rules below
            }
        }
        if (from.equals("in_review")) {
            if (rr == null) {
                return "Transition from in_review requires review_result (structured review outcome)";
            }
            if (blank(rr.get("reviewer")) || blank(rr.get("verdict")) || blank(rr.get("reference"))) {
                return "Transition from in_review requires review_result with reviewer/verdict/reference";
            }
            if (to.equals("approved") || to.equals("done")) {
                boolean approves = evidence != null ? evidenceApproves(evidence) : "approved".equals(rr.get("verdict"));
                if (!approves) {
                    return EVIDENCE_MSG;
                }
            }
            if (reviewRef != null && !reviewRef.equals(rr.get("reference"))) {
                return "review_ref must match review_result.reference";
            }
            if (evidence != null && evidence.get("review") instanceof Map<?, ?> review
                    && !(String.valueOf(review.get("reviewer")).equals(rr.get("reviewer"))
                            && String.valueOf(review.get("verdict")).equals(rr.get("verdict"))
                            && String.valueOf(review.get("reference")).equals(rr.get("reference")))) {
                return "Review evidence must match review_result";
            }
        }
        return null;
    }

    private static boolean evidenceApproves(Map<String, Object> evidence) {
        return evidence != null && evidence.get("review") instanceof Map<?, ?> review
                && truthy(review.get("reviewer")) && truthy(review.get("reference"))
                && "approved".equals(review.get("verdict"));
    }

    private Map<String, Object> appendHistory(Cli.Invocation inv) {
        Ctx c = resolve(selector(inv));
        String wp = inv.get("wp");
        promptFile(c, wp);
        if (!WP_ID.matcher(wp).matches()) {
            throw fail("HISTORY_COMMIT_FAILED", "Cannot record history for '" + wp
                    + "': work package ids must match ^WP\\d+$");
        }
        String actor = inv.get("actor");
        c.log().locked(() -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("event_id", EventLog.ulid());
            e.put("event_type", "annotation");
            e.put("mission_slug", c.selector());
            e.put("wp_id", wp);
            e.put("at", isoNow());
            e.put("actor", actor);
            e.put("note", "- [" + NOTE_STAMP.format(Instant.now()) + "] " + actor + ": " + inv.get("note"));
            c.log().append(List.of(e));
            return null;
        });
        Map<String, Object> data = identity(c);
        data.put("wp_id", wp);
        data.put("history_entry_id", "hist-" + hex32());
        return data;
    }

    private Map<String, Object> acceptMission(Cli.Invocation inv) {
        Ctx c = resolve(selector(inv));
        String actor = inv.get("actor");
        return c.log().locked(() -> {
            View v = view(c);
            List<String> incomplete = new ArrayList<>();
            List<String> approved = new ArrayList<>();
            List<String> done = new ArrayList<>();
            for (String wp : v.allWps()) {
                String lane = v.lane(wp) == null ? "planned" : v.lane(wp);
                if (lane.equals("done")) {
                    done.add(wp);
                } else if (lane.equals("approved") && !profile.featureEra()) {
                    approved.add(wp);
                } else {
                    incomplete.add(wp);
                }
            }
            if (!incomplete.isEmpty()) {
                Map<String, Object> d = profile.featureEra() ? new LinkedHashMap<>() : identity(c);
                d.put("incomplete_wps", incomplete);
                throw fail(profile.featureEra() ? "FEATURE_NOT_READY" : "MISSION_NOT_READY", d,
                        "Mission has " + incomplete.size() + " incomplete WP(s)");
            }
            workflowEvidence(c);
            if (!c.mission().hasMeta()) {
                throw new HostCrash("FileNotFoundError", "No meta.json in " + c.mission().dir(), "accept_mission");
            }
            String acceptedAt = isoNow();
            Map<String, Object> meta = new LinkedHashMap<>(c.mission().meta());
            meta.put("accepted_at", acceptedAt);
            meta.put("accepted_by", actor);
            meta.put("acceptance_mode", "orchestrator");
            List<Object> history = new ArrayList<>();
            if (meta.get("acceptance_history") instanceof List<?> old) {
                history.addAll(old);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("accepted_at", acceptedAt);
            entry.put("accepted_by", actor);
            entry.put("acceptance_mode", "orchestrator");
            history.add(entry);
            while (history.size() > 20) {
                history.remove(0);
            }
            meta.put("acceptance_history", history);
            try {
                Files.writeString(c.mission().dir().resolve("meta.json"), PyJson.dumpsIndented(meta),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, Object> data = identity(c);
            data.put("accepted", true);
            data.put("mode", "auto");
            data.put("accepted_at", acceptedAt);
            if (!profile.featureEra()) {
                List<String> all = new ArrayList<>(approved);
                all.addAll(done);
                data.put("accepted_wps", all);
                data.put("approved_wps", approved);
                data.put("done_wps", done);
                data.put("merge_pending_wps", approved);
            }
            return data;
        });
    }

    /** Missions that change CI workflows need a real GitHub Actions run recorded before acceptance. */
    private void workflowEvidence(Ctx c) {
        String target = targetBranch(c);
        if (profile.featureEra() || !git.refExists(root, target)) {
            return;
        }
        String mb = missionBranch(c);
        List<String> branches = new ArrayList<>();
        branches.add(mb);
        if (c.mission().lanes() != null) {
            c.mission().lanes().forEach(l -> branches.add(mb + "-" + l.laneId()));
        }
        Set<String> workflows = new TreeSet<>();
        for (String b : branches) {
            if (git.branchExists(root, b)) {
                Git.Result r = git.run(root, "diff", "--name-only", target + "..." + b);
                r.stdout().lines().filter(f -> f.startsWith(".github/workflows/")).forEach(workflows::add);
            }
        }
        if (workflows.isEmpty()) {
            return;
        }
        Path evidence = c.mission().dir().resolve("workflow-evidence.md");
        try {
            if (Files.isRegularFile(evidence)
                    && RUN_EVIDENCE.matcher(Files.readString(evidence, StandardCharsets.UTF_8)).find()) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> d = identity(c);
        d.put("required_evidence_path", evidence.toString());
        throw fail("WORKFLOW_EVIDENCE_REQUIRED", d, "Workflow run evidence required: this mission changes "
                + String.join(", ", workflows) + ". Add a successful real GitHub Actions run ID or URL to "
                + c.mission().dirName() + "/workflow-evidence.md.");
    }

    private Map<String, Object> mergeMission(Cli.Invocation inv) {
        String strategy = inv.get("strategy") == null ? "merge" : inv.get("strategy");
        if (!List.of("merge", "squash", "rebase").contains(strategy)) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("strategy", strategy);
            d.put("supported", List.of("merge", "rebase", "squash"));
            throw fail("UNSUPPORTED_STRATEGY", d, "Strategy '" + strategy
                    + "' is not supported. Supported strategies: ['merge', 'rebase', 'squash']");
        }
        Ctx c = resolve(selector(inv));
        String target = inv.get("target") != null ? inv.get("target") : targetBranch(c);
        return c.log().locked(() -> FileLocks.withLock(gitLock(), () -> {
            View v = view(c);
            List<String> errors = preflight(c, v, target);
            if (errors.isEmpty()) {
                try {
                    integrate(c, target, strategy, inv.flag("push"));
                } catch (Git.GitException | MergeError e) {
                    errors.add(e.getMessage());
                }
            }
            if (!errors.isEmpty()) {
                Map<String, Object> d = profile.featureEra() ? new LinkedHashMap<>() : identity(c);
                if (profile.featureEra()) {
                    d.put("feature_slug", c.selector());
                }
                d.put("target_branch", target);
                d.put("errors", errors);
                throw fail("PREFLIGHT_FAILED", d, "Merge failed");
            }
            List<Map<String, Object>> doneEvents = new ArrayList<>();
            List<String> merged = new ArrayList<>();
            for (String wp : v.allWps()) {
                String lane = v.lane(wp);
                if ("approved".equals(lane)) {
                    doneEvents.add(laneEvent(c, wp, "approved", "done", "merge-mission", false,
                            "Merged into " + target, null, null, null, null));
                }
                merged.add(wp);
            }
            c.log().append(doneEvents);
            Map<String, Object> data = identity(c);
            data.put("merged", true);
            data.put("target_branch", target);
            data.put("strategy", strategy);
            if (profile.featureEra()) {
                data.put("merged_wps", merged);
            }
            data.put("worktree_removed", false);
            return data;
        }));
    }

    /** A merge step that failed after git was cleaned up. */
    static final class MergeError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MergeError(String message) {
            super(message);
        }
    }

    private static final Pattern SIM_FILES = Pattern.compile(
            "^(kitty-specs/[^/]+/(status\\.events\\.jsonl|\\.status\\.lock)|\\.kittify/sim-host/.*)$");

    private List<String> preflight(Ctx c, View v, String target) {
        List<String> errors = new ArrayList<>();
        Git.Result status = git.run(root, "status", "--porcelain", "--untracked-files=no");
        if (!status.ok()) {
            errors.add("git status failed in " + root + ": " + status.error());
        } else {
            List<String> dirty = status.stdout().lines().filter(l -> l.length() > 3)
                    .filter(l -> !SIM_FILES.matcher(l.substring(3)).matches()).toList();
            if (!dirty.isEmpty()) {
                errors.add("Refusing to advance branch '" + target + "': the worktree at " + root
                        + " holds uncommitted local changes that a resync (`git reset --hard`) would destroy.\n"
                        + "  Dirty entries:\n" + String.join("\n", dirty.stream().map(l -> "    " + l).toList())
                        + "\n  Commit, stash, or revert these changes in " + root + ", then resume the merge.");
            }
        }
        if (!git.branchExists(root, target) && !git.refExists(root, "refs/remotes/origin/" + target)) {
            errors.add("Target branch '" + target + "' does not exist locally or on origin.");
        }
        if (profile.atLeast(Profile.V1_1_0)) {
            if (c.mission().lanesError() != null) {
                errors.add(c.mission().lanesError());
            } else if (c.mission().lanes() == null) {
                errors.add("lanes.json not found in " + c.mission().dir()
                        + "; a lane-based merge needs the lanes manifest");
            }
        }
        for (String wp : v.allWps()) {
            String lane = v.lane(wp) == null ? "planned" : v.lane(wp);
            if (!lane.equals("approved") && !lane.equals("done")) {
                errors.add("Merge gate: " + wp + " is in '" + lane + "'; every WP must be approved or done");
            }
        }
        return errors;
    }

    private void integrate(Ctx c, String target, String strategy, boolean push) {
        if (!git.branchExists(root, target)) {
            git.check(root, "branch", target, "origin/" + target);
        }
        String mb = missionBranch(c);
        if (!git.branchExists(root, mb)) {
            git.check(root, "branch", mb, target);
        }
        Path worktrees = root.resolve(".worktrees");
        Path mergeWt = worktrees.resolve(c.selector() + "-merge");
        removeWorktree(mergeWt);
        git.check(root, "worktree", "add", mergeWt.toString(), mb);
        Path targetWt = null;
        try {
            List<Mission.LaneDef> lanes = c.mission().lanes() == null || !profile.atLeast(Profile.V1_1_0)
                    ? List.of() : c.mission().lanes();
            for (Mission.LaneDef lane : lanes) {
                String lb = mb + "-" + lane.laneId();
                if (!git.branchExists(root, lb)) {
                    continue;
                }
                Git.Result r = git.run(mergeWt, "merge", "--no-ff", "--no-edit", "-m",
                        "Merge lane " + lane.laneId() + " into " + mb, lb);
                if (!r.ok()) {
                    git.run(mergeWt, "merge", "--abort");
                    throw new MergeError("Merging lane branch " + lb + " into " + mb + " failed: " + r.error());
                }
            }
            Path checkedOut = worktreeOf(target);
            Path where = checkedOut;
            if (where == null) {
                targetWt = worktrees.resolve(c.selector() + "-target");
                removeWorktree(targetWt);
                git.check(root, "worktree", "add", targetWt.toString(), target);
                where = targetWt;
            }
            Git.Result r;
            switch (strategy) {
                case "squash" -> {
                    r = git.run(where, "merge", "--squash", mb);
                    if (r.ok() && !git.run(where, "diff", "--cached", "--quiet").ok()) {
                        r = git.run(where, "commit", "-m", "Squash merge mission " + c.mission().slug());
                    }
                    if (!r.ok()) {
                        git.run(where, "reset", "--merge");
                    }
                }
                case "rebase" -> {
                    r = git.run(mergeWt, "rebase", target);
                    if (!r.ok()) {
                        git.run(mergeWt, "rebase", "--abort");
                    } else {
                        r = git.run(where, "merge", "--ff-only", mb);
                    }
                }
                default -> {
                    r = git.run(where, "merge", "--no-ff", "--no-edit", "-m",
                            "Merge mission " + c.mission().slug() + " into " + target, mb);
                    if (!r.ok()) {
                        git.run(where, "merge", "--abort");
                    }
                }
            }
            if (!r.ok()) {
                throw new MergeError("Integrating " + mb + " into " + target + " with strategy '" + strategy
                        + "' failed: " + r.error());
            }
            if (push && git.run(root, "remote", "get-url", "origin").ok()) {
                git.check(root, "push", "origin", target);
            }
        } finally {
            removeWorktree(mergeWt);
            if (targetWt != null) {
                removeWorktree(targetWt);
            }
        }
        List<Mission.LaneDef> lanes = c.mission().lanes() == null ? List.of() : c.mission().lanes();
        for (Mission.LaneDef lane : lanes) {
            removeWorktree(worktrees.resolve(c.selector() + "-" + lane.laneId()));
        }
        for (Mission.LaneDef lane : lanes) {
            deleteBranch(mb + "-" + lane.laneId());
        }
        deleteBranch(mb);
    }

    private void deleteBranch(String branch) {
        if (git.branchExists(root, branch)) {
            Git.Result r = git.run(root, "branch", "-D", branch);
            extraStdout.append(r.stdout());
            extraStderr.append(r.stderr());
        }
    }

    private void removeWorktree(Path wt) {
        if (Files.exists(wt)) {
            git.run(root, "worktree", "remove", "--force", wt.toString());
        }
        git.run(root, "worktree", "prune");
    }

    private Path worktreeOf(String branch) {
        Git.Result r = git.run(root, "worktree", "list", "--porcelain");
        Path current = null;
        for (String line : r.stdout().lines().toList()) {
            if (line.startsWith("worktree ")) {
                current = Path.of(line.substring("worktree ".length()));
            } else if (line.equals("branch refs/heads/" + branch) && current != null) {
                return current;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ agent CLI

    /**
     * Runs {@code spec-kitty agent tasks mark-status <ids…> --status <s> --mission <m>}.
     *
     * @param args the arguments after {@code mark-status}
     * @return the outcome: a human line and exit 0, or a message on stderr and exit 1
     */
    public Outcome markStatus(List<String> args) {
        List<String> ids = new ArrayList<>();
        String status = null;
        String mission = null;
        String actor = "agent";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--status", "--mission", "--feature", "--actor", "--agent" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            return new Outcome(1, "", "Error: Option '" + name + "' requires an argument.\n");
                        }
                        value = args.get(++i);
                    }
                    if (name.equals("--status")) {
                        status = value;
                    } else if (name.equals("--actor") || name.equals("--agent")) {
                        actor = value;
                    } else {
                        mission = value;
                    }
                }
                case "--json", "--no-auto-commit", "--auto-commit" -> {
                    // accepted and ignored
                }
                default -> {
                    if (a.startsWith("-")) {
                        return new Outcome(1, "", "Error: No such option: " + name + "\n");
                    }
                    ids.add(a);
                }
            }
        }
        if (ids.isEmpty()) {
            return new Outcome(1, "", "Error: give at least one subtask id, e.g. mark-status T001 --status done"
                    + " --mission <mission>\n");
        }
        if (status == null) {
            return new Outcome(1, "", "Error: Missing option '--status'.\n");
        }
        if (!List.of("done", "planned", "doing", "in_progress", "for_review", "pending").contains(status)) {
            return new Outcome(1, "", "Error: invalid status '" + status
                    + "'; use done, planned, doing, in_progress or for_review\n");
        }
        if (mission == null) {
            return new Outcome(1, "", "Error: Missing option '--mission'.\n");
        }
        Mission m;
        try {
            m = resolveMission(root, mission, false);
        } catch (HostCrash e) {
            return new Outcome(1, "", "Error: " + e.getMessage() + "\n");
        }
        if (m == null) {
            return new Outcome(1, "", "Error: Mission '" + mission + "' not found in kitty-specs/\n");
        }
        Map<String, String> owner = new LinkedHashMap<>();
        for (Mission.Wp w : m.wps()) {
            w.subtasks().forEach(t -> owner.putIfAbsent(t, w.id()));
        }
        List<String> unknown = ids.stream().filter(t -> !owner.containsKey(t)).toList();
        if (!unknown.isEmpty()) {
            return new Outcome(1, "", "Error: subtask(s) " + String.join(", ", unknown) + " not found in any work"
                    + " package of " + m.dirName() + "\n");
        }
        String st = status;
        String who = actor;
        String sel = mission;
        EventLog log = new EventLog(m.dir());
        log.locked(() -> {
            List<Map<String, Object>> events = new ArrayList<>();
            for (String t : ids) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("event_id", EventLog.ulid());
                e.put("event_type", "subtask_status");
                e.put("mission_slug", sel);
                e.put("wp_id", owner.get(t));
                e.put("subtask_id", t);
                e.put("status", st);
                e.put("at", isoNow());
                e.put("actor", who);
                events.add(e);
            }
            log.append(events);
            return null;
        });
        return new Outcome(0, "Marked " + String.join(", ", ids) + " as " + status + " in " + m.dirName() + "\n", "");
    }
}
