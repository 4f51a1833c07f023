package dev.speckitty.orchestrator.testkit.host.internal;

import java.util.Map;

/** A command failure that becomes a {@code success: false} envelope. */
final class Fail extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;
    final transient Map<String, Object> data;
    final int exit;

    Fail(String code, Map<String, Object> data, int exit) {
        super(code, null, false, false);
        this.code = code;
        this.data = data;
        this.exit = exit;
    }
}
