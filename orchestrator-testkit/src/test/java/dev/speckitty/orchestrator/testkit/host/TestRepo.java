package dev.speckitty.orchestrator.testkit.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real temporary git repository with spec-kitty missions, for tests. */
final class TestRepo {
    static final String POLICY = "{\"orchestrator_id\":\"test-orch\",\"orchestrator_version\":\"0.1.0\","
            + "\"agent_family\":\"claude\",\"approval_mode\":\"supervised\",\"sandbox_mode\":\"workspace-write\","
            + "\"network_mode\":\"none\",\"dangerous_flags\":[]}";

    final Path root;

    private TestRepo(Path root) {
        this.root = root;
    }

    static TestRepo create(Path dir) {
        TestRepo r = new TestRepo(dir);
        r.git("init", "-q", "-b", "main");
        r.write(".kittify/config.yaml", "project: test\n");
        r.write("README.md", "# test\n");
        r.commitAll("init");
        return r;
    }

    /** One WP spec: id, dependencies, subtasks. */
    record WpSpec(String id, List<String> deps, List<String> subtasks) {}

    static WpSpec wp(String id, List<String> deps, String... subtasks) {
        return new WpSpec(id, deps, List.of(subtasks));
    }

    /** The standard DAG of the transcripts: WP01 -> WP02, WP03 -> WP04, each WP in its own lane. */
    TestRepo diamond(String dir, String missionId, String target, boolean lanes) {
        return mission(dir, missionId, target, lanes, wp("WP01", List.of(), "T001", "T002"),
                wp("WP02", List.of("WP01"), "T003"), wp("WP03", List.of("WP01"), "T004"),
                wp("WP04", List.of("WP02", "WP03"), "T005"));
    }

    TestRepo mission(String dir, String missionId, String target, boolean lanes, WpSpec... wps) {
        String base = "kitty-specs/" + dir + "/";
        write(base + "meta.json", "{\"mission_id\": " + (missionId == null ? "null" : "\"" + missionId + "\"")
                + ", \"mission_slug\": \"" + dir + "\", \"mission_number\": null, \"mission_type\": \"software-dev\","
                + " \"target_branch\": \"" + target + "\"}\n");
        write(base + "spec.md", "# spec\n");
        StringBuilder lanesJson = new StringBuilder("{\"version\": 1, \"lanes\": [");
        char lane = 'a';
        for (int i = 0; i < wps.length; i++) {
            WpSpec w = wps[i];
            write(base + "tasks/" + w.id() + (i % 2 == 1 ? "-titled.md" : ".md"), "---\nwork_package_id: " + w.id()
                    + "\ntitle: \"" + w.id() + " work\"\ndependencies: [" + String.join(", ", w.deps())
                    + "]\nsubtasks: [" + String.join(", ", w.subtasks()) + "]\n---\n# " + w.id() + "\nDo it.\n");
            lanesJson.append(i == 0 ? "" : ", ").append("{\"lane_id\": \"lane-").append(lane++)
                    .append("\", \"wp_ids\": [\"").append(w.id()).append("\"]}");
        }
        if (lanes) {
            write(base + "lanes.json", lanesJson.append("]}\n").toString());
        }
        commitAll("add mission " + dir);
        if (!target.equals("main") && git("branch", "--list", target).isBlank()) {
            git("branch", target);
        }
        return this;
    }

    void write(String rel, String text) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void commitAll(String message) {
        git("add", "-A", ".");
        git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "--allow-empty", "-m", message);
    }

    /** Commits a new file in a worktree (an agent's work). */
    void commitIn(Path worktree, String file, String text) {
        try {
            Files.writeString(worktree.resolve(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gitIn(worktree, "add", file);
        gitIn(worktree, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "work " + file);
    }

    String git(String... args) {
        return gitIn(root, args);
    }

    static String gitIn(Path dir, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("git");
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("git timed out: " + argv);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("git failed: " + argv + "\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
