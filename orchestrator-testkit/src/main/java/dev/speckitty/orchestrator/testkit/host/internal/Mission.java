package dev.speckitty.orchestrator.testkit.host.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A mission directory as the host reads it: {@code meta.json}, {@code lanes.json} and the WP prompt files. */
public final class Mission {
    private static final Pattern WP_FILE = Pattern.compile("^(WP\\d{2})(?:\\.md|-.*\\.md)$");
    private static final Pattern ULID = Pattern.compile("^[0-9A-HJKMNP-TV-Z]{26}$");

    /** One WP prompt file. */
    public record Wp(String id, Path promptFile, List<String> dependencies, List<String> subtasks, String title,
            String agent, String model) {}

    /** One lane of {@code lanes.json}. */
    public record LaneDef(String laneId, List<String> wpIds) {}

    private final Path dir;
    private final Map<String, Object> meta;
    private final boolean hasMeta;
    private final List<Wp> wps;
    private final List<LaneDef> lanes;
    private final String lanesError;

    private Mission(Path dir, Map<String, Object> meta, boolean hasMeta, List<Wp> wps, List<LaneDef> lanes,
            String lanesError) {
        this.dir = dir;
        this.meta = meta;
        this.hasMeta = hasMeta;
        this.wps = wps;
        this.lanes = lanes;
        this.lanesError = lanesError;
    }

    /**
     * Returns the mission directory.
     *
     * @return the directory
     */
    public Path dir() {
        return dir;
    }

    /**
     * Returns the directory name.
     *
     * @return the name
     */
    public String dirName() {
        return dir.getFileName().toString();
    }

    /**
     * Returns {@code meta.json} as read (empty when absent).
     *
     * @return the meta map
     */
    public Map<String, Object> meta() {
        return meta;
    }

    /**
     * Tells whether {@code meta.json} exists.
     *
     * @return whether it exists
     */
    public boolean hasMeta() {
        return hasMeta;
    }

    /**
     * Returns the resolved slug: meta {@code mission_slug}, legacy {@code slug}, else the directory name.
     *
     * @return the slug
     */
    public String slug() {
        Object s = meta.get("mission_slug");
        if (s instanceof String str && !str.isBlank()) {
            return str;
        }
        Object legacy = meta.get("slug");
        if (legacy instanceof String str && !str.isBlank()) {
            return str;
        }
        return dirName();
    }

    /**
     * Returns the mission ULID when meta declares a valid one.
     *
     * @return the id
     */
    public Optional<String> missionId() {
        Object id = meta.get("mission_id");
        return id instanceof String s && ULID.matcher(s.toUpperCase()).matches()
                ? Optional.of(s.toUpperCase()) : Optional.empty();
    }

    /**
     * Returns the WPs with prompt files, ascending by id.
     *
     * @return the WPs
     */
    public List<Wp> wps() {
        return wps;
    }

    /**
     * Returns the WP with a prompt file of this id.
     *
     * @param id the canonical id
     * @return the WP
     */
    public Optional<Wp> wp(String id) {
        return wps.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    /**
     * Returns {@code lanes.json}'s lanes, or {@code null} when there is no (readable) manifest.
     *
     * @return the lanes or {@code null}
     */
    public List<LaneDef> lanes() {
        return lanes;
    }

    /**
     * Returns why {@code lanes.json} could not be used, or {@code null} when it parsed (or is absent).
     *
     * @return the problem or {@code null}
     */
    public String lanesError() {
        return lanesError;
    }

    /**
     * Returns the lane of a WP.
     *
     * @param wpId the WP id
     * @return the lane, if the WP is in one
     */
    public Optional<LaneDef> laneOf(String wpId) {
        if (lanes == null) {
            return Optional.empty();
        }
        return lanes.stream().filter(l -> l.wpIds().contains(wpId)).findFirst();
    }

    /**
     * Finds the prompt file of a WP the way the host does: {@code tasks/<wp>.md}, else the first
     * {@code tasks/<wp>-*.md}.
     *
     * @param wpId the {@code --wp} value
     * @return the file
     */
    public Optional<Path> promptFile(String wpId) {
        if (wpId.isEmpty() || wpId.contains("/") || wpId.contains("\\") || wpId.contains("..")) {
            return Optional.empty();
        }
        Path tasks = dir.resolve("tasks");
        Path exact = tasks.resolve(wpId + ".md");
        if (Files.isRegularFile(exact)) {
            return Optional.of(exact);
        }
        if (!Files.isDirectory(tasks)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(tasks)) {
            return s.filter(p -> p.getFileName().toString().startsWith(wpId + "-")
                            && p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
                    .sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a mission directory.
     *
     * @param dir the directory
     * @return the mission
     * @throws HostCrash when {@code meta.json} or a WP file is corrupt, like the host
     */
    public static Mission load(Path dir) {
        Map<String, Object> meta = new LinkedHashMap<>();
        Path metaFile = dir.resolve("meta.json");
        boolean hasMeta = Files.isRegularFile(metaFile);
        if (hasMeta) {
            Object parsed;
            try {
                parsed = PyJson.parse(Files.readString(metaFile, StandardCharsets.UTF_8));
            } catch (PyJson.JsonSyntaxException e) {
                throw new HostCrash("json.decoder.JSONDecodeError", e.getMessage() + " (" + metaFile + ")",
                        "load_meta");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!(parsed instanceof Map<?, ?> m)) {
                throw new HostCrash("ValueError", "meta.json is not a JSON object: " + metaFile, "load_meta");
            }
            m.forEach((k, v) -> meta.put(String.valueOf(k), v));
        }
        List<Wp> wps = new ArrayList<>();
        Path tasks = dir.resolve("tasks");
        if (Files.isDirectory(tasks)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(tasks)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path f : files) {
                Matcher m = WP_FILE.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                String id = m.group(1);
                if (wps.stream().anyMatch(w -> w.id().equals(id))) {
                    continue; // the host reads the first file of an id
                }
                Map<String, Object> fm;
                try {
                    fm = FrontMatter.parse(Files.readString(f, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Object declared = fm.get("work_package_id");
                if (declared instanceof String d && !d.isBlank() && !d.equals(id)) {
                    throw new HostCrash("ValueError", "WP id mismatch: file " + f.getFileName()
                            + " declares work_package_id '" + d + "'", "build_dependency_graph");
                }
                wps.add(new Wp(id, f, FrontMatter.list(fm, "dependencies"), FrontMatter.list(fm, "subtasks"),
                        str(fm.get("title")), str(fm.get("agent")), str(fm.get("model"))));
            }
        }
        List<LaneDef> lanes = null;
        String lanesError = null;
        Path lanesFile = dir.resolve("lanes.json");
        if (Files.isRegularFile(lanesFile)) {
            try {
                lanes = parseLanes(PyJson.parse(Files.readString(lanesFile, StandardCharsets.UTF_8)));
            } catch (PyJson.JsonSyntaxException | IllegalArgumentException e) {
                lanesError = "lanes.json is invalid: " + e.getMessage();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Mission(dir, meta, hasMeta, List.copyOf(wps), lanes, lanesError);
    }

    private static List<LaneDef> parseLanes(Object doc) {
        if (!(doc instanceof Map<?, ?> m) || !(m.get("lanes") instanceof List<?> list)) {
            throw new IllegalArgumentException("expected an object with a 'lanes' array");
        }
        List<LaneDef> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> lane) || !(lane.get("lane_id") instanceof String id)
                    || !(lane.get("wp_ids") instanceof List<?> ids)) {
                throw new IllegalArgumentException("every lane needs a string 'lane_id' and a 'wp_ids' array");
            }
            List<String> wpIds = new ArrayList<>();
            ids.forEach(x -> wpIds.add(String.valueOf(x)));
            out.add(new LaneDef(id, List.copyOf(wpIds)));
        }
        return List.copyOf(out);
    }

    private static String str(Object o) {
        return o instanceof String s && !s.isBlank() ? s : null;
    }
}
