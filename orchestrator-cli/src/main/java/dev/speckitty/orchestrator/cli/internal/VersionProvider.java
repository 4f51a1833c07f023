package dev.speckitty.orchestrator.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Prints the CLI version (from the build) and the Java runtime. */
final class VersionProvider implements CommandLine.IVersionProvider {
    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(
                "/dev/speckitty/orchestrator/cli/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "spec-kitty-orchestrator " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor", "?") + ")"
        };
    }
}
