/** The default transport: runs the {@code spec-kitty} executable as a child process. */
package dev.speckitty.orchestrator.client.transport;
