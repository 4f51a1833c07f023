package dev.speckitty.orchestrator.client.support;

/** Builds single-line envelopes the way the host prints them. */
public final class Envelopes {
    public static final String TIMESTAMP = "2026-11-25T04:29:43.618264+00:00";
    public static final String CORRELATION = "corr-0123456789abcdef0123456789abcdef";

    private Envelopes() {}

    public static String success(String contractVersion, String command, String dataJson) {
        return envelope(contractVersion, "orchestrator-api." + command, true, null, dataJson);
    }

    public static String failure(String contractVersion, String command, String code, String dataJson) {
        return envelope(contractVersion, "orchestrator-api." + command, false, code, dataJson);
    }

    public static String envelope(String contractVersion, String command, boolean success, String code,
            String dataJson) {
        return "{\"contract_version\": \"" + contractVersion + "\", \"command\": \"" + command
                + "\", \"timestamp\": \"" + TIMESTAMP + "\", \"correlation_id\": \"" + CORRELATION
                + "\", \"success\": " + success + ", \"error_code\": "
                + (code == null ? "null" : "\"" + code + "\"") + ", \"data\": " + dataJson + "}";
    }

    public static String contractVersion(String version) {
        return success(version, "contract-version",
                "{\"api_version\": \"" + version + "\", \"min_supported_provider_version\": \"0.1.0\"}");
    }
}
