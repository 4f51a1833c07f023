package dev.speckitty.orchestrator.testkit.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helper: calls a simulated host in-process with CLI-like arguments and decodes the envelope. */
final class Sim {
    private static final ObjectMapper JSON = new ObjectMapper();
    final SimulatedHost host;

    Sim(SimulatedHost host) {
        this.host = host;
    }

    /** The outcome of one call. */
    record Call(int exit, String stdout, String stderr, JsonNode env) {
        JsonNode data() {
            return env.get("data");
        }

        String code() {
            return env.get("error_code").isNull() ? null : env.get("error_code").asText();
        }

        String message() {
            return data().path("message").asText(null);
        }

        boolean ok() {
            return env != null && env.get("success").asBoolean();
        }
    }

    Call api(String... args) {
        List<String> argv = new ArrayList<>(List.of("orchestrator-api"));
        argv.addAll(List.of(args));
        TransportResponse r = host.run(argv, Duration.ofMinutes(1));
        JsonNode env = null;
        if (!r.stdout().isBlank()) {
            List<String> lines = r.stdout().strip().lines().toList();
            try {
                env = JSON.readTree(lines.get(lines.size() - 1));
            } catch (IOException e) {
                env = null;
            }
        }
        return new Call(r.exitCode(), r.stdout(), r.stderr(), env);
    }

    Call start(String mission, String wp, String actor) {
        return api("start-implementation", "--mission", mission, "--wp", wp, "--actor", actor, "--policy",
                TestRepo.POLICY);
    }

    Call transition(String mission, String wp, String to, String... extra) {
        List<String> a = new ArrayList<>(List.of("transition", "--mission", mission, "--wp", wp, "--to", to,
                "--actor", "tester", "--policy", TestRepo.POLICY));
        a.addAll(List.of(extra));
        return api(a.toArray(String[]::new));
    }

    /** Puts a WP into a lane with a forced transition. */
    void force(String mission, String wp, String lane) {
        Call c = transition(mission, wp, lane, "--force", "--note", "test setup");
        if (!c.ok()) {
            throw new IllegalStateException("forcing " + wp + " to " + lane + " failed: " + c.stdout() + c.stderr());
        }
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
