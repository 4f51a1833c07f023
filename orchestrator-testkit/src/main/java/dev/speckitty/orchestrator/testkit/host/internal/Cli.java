package dev.speckitty.orchestrator.testkit.host.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Click-like parsing of {@code orchestrator-api <command> [options]} for one host profile: both {@code --opt value}
 * and {@code --opt=value}, presence flags, last occurrence wins, Click's usage messages.
 */
public final class Cli {
    private Cli() {}

    /** One option of a command. */
    record Opt(String name, boolean flag, boolean required) {}

    /** A parsed call. */
    public record Invocation(String command, Map<String, String> values, Set<String> flags) {
        /**
         * Returns an option's value.
         *
         * @param name the name without dashes
         * @return the value or {@code null}
         */
        public String get(String name) {
            return values.get(name);
        }

        /**
         * Tells whether a flag is present.
         *
         * @param name the name without dashes
         * @return whether present
         */
        public boolean flag(String name) {
            return flags.contains(name);
        }
    }

    /** A parse failure with Click's message. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Thrown when {@code -h}/{@code --help} appears: print help, exit 0. */
    public static final class HelpRequested extends Exception {
        private static final long serialVersionUID = 1L;

        HelpRequested(String text) {
            super(text);
        }
    }

    private static Opt req(String n) {
        return new Opt(n, false, true);
    }

    private static Opt opt(String n) {
        return new Opt(n, false, false);
    }

    private static Opt flag(String n) {
        return new Opt(n, true, false);
    }

    /**
     * Returns the commands of a profile with their options in declaration order.
     *
     * @param p the profile
     * @return command name to options
     */
    static Map<String, List<Opt>> commands(Profile p) {
        Map<String, List<Opt>> c = new LinkedHashMap<>();
        String sel = p.featureEra() ? "feature" : "mission";
        c.put("contract-version", List.of(opt("provider-version")));
        c.put(p.featureEra() ? "feature-state" : "mission-state", List.of(req(sel)));
        c.put("list-ready", List.of(req(sel)));
        if (p.atLeast(Profile.V1_2_0)) {
            c.put("resolve-workspace", List.of(req(sel), req("wp")));
        }
        c.put("start-implementation", List.of(req(sel), req("wp"), req("actor"), opt("policy")));
        c.put("start-review", List.of(req(sel), req("wp"), req("actor"), opt("policy"), opt("review-ref")));
        List<Opt> transition = new ArrayList<>(List.of(req(sel), req("wp"), req("to"), req("actor"), opt("note"),
                opt("policy"), flag("force"), opt("review-ref")));
        if (!p.featureEra()) {
            if (p.atLeast(Profile.V1_3_0)) {
                transition.add(opt("review-result-json"));
            }
            transition.add(opt("evidence-json"));
            transition.add(flag("subtasks-complete"));
            transition.add(flag("implementation-evidence-present"));
        }
        c.put("transition", List.copyOf(transition));
        c.put("append-history", List.of(req(sel), req("wp"), req("actor"), req("note")));
        c.put(p.featureEra() ? "accept-feature" : "accept-mission", List.of(req(sel), req("actor")));
        c.put(p.featureEra() ? "merge-feature" : "merge-mission",
                List.of(req(sel), opt("target"), opt("strategy"), flag("push")));
        return c;
    }

    /**
     * Parses the arguments after {@code orchestrator-api}.
     *
     * @param profile the profile
     * @param args the arguments
     * @return the invocation
     * @throws UsageException on a parse error (exit 2, {@code orchestrator-api.unknown})
     * @throws HelpRequested when help was asked for
     */
    public static Invocation parse(Profile profile, List<String> args) throws UsageException, HelpRequested {
        Map<String, List<Opt>> commands = commands(profile);
        if (args.contains("--help") || args.contains("-h")) {
            throw new HelpRequested(help(commands, args));
        }
        if (args.isEmpty()) {
            throw new UsageException("Missing command.");
        }
        String first = args.get(0);
        if (first.startsWith("-")) {
            throw new UsageException("No such option: " + optionName(first));
        }
        List<Opt> spec = commands.get(first);
        if (spec == null) {
            throw new UsageException("No such command '" + first + "'.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        List<String> extra = new ArrayList<>();
        boolean endOfOptions = false;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (endOfOptions || !a.startsWith("-") || a.equals("-")) {
                extra.add(a);
                continue;
            }
            if (a.equals("--")) {
                endOfOptions = true;
                continue;
            }
            String name = optionName(a);
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                inline = a.substring(eq + 1);
            }
            Opt o = null;
            if (a.startsWith("--")) {
                for (Opt s : spec) {
                    if (s.name().equals(name.substring(2))) {
                        o = s;
                    }
                }
            }
            if (o == null) {
                throw new UsageException("No such option: " + name);
            }
            if (o.flag()) {
                if (inline != null) {
                    throw new UsageException("Option '" + name + "' does not take a value.");
                }
                flags.add(o.name());
            } else if (inline != null) {
                values.put(o.name(), inline);
            } else {
                if (i + 1 >= args.size()) {
                    throw new UsageException("Option '" + name + "' requires an argument.");
                }
                values.put(o.name(), args.get(++i));
            }
        }
        for (Opt s : spec) {
            if (s.required() && !values.containsKey(s.name())) {
                throw new UsageException("Missing option '--" + s.name() + "'.");
            }
        }
        if (!extra.isEmpty()) {
            throw new UsageException("Got unexpected extra argument" + (extra.size() > 1 ? "s" : "") + " ("
                    + String.join(" ", extra) + ")");
        }
        return new Invocation(first, Map.copyOf(values), Set.copyOf(flags));
    }

    private static String optionName(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
    }

    private static String help(Map<String, List<Opt>> commands, List<String> args) {
        StringBuilder sb = new StringBuilder();
        String cmd = args.isEmpty() ? null : args.get(0);
        if (cmd != null && commands.containsKey(cmd)) {
            sb.append("Usage: spec-kitty orchestrator-api ").append(cmd).append(" [OPTIONS]\n\nOptions:\n");
            for (Opt o : commands.get(cmd)) {
                sb.append("  --").append(o.name()).append(o.flag() ? "" : " TEXT")
                        .append(o.required() ? "  [required]" : "").append('\n');
            }
        } else {
            sb.append("Usage: spec-kitty orchestrator-api [OPTIONS] COMMAND [ARGS]...\n\n")
                    .append("  Machine contract for external orchestrators (simulated host).\n\nCommands:\n");
            commands.keySet().forEach(k -> sb.append("  ").append(k).append('\n'));
        }
        return sb.toString();
    }
}
