/**
 * Implementation of the agent adapters and the process launcher: output parsing, failure classification, stream
 * capture and process-tree handling. Not API: anything here may change without notice.
 */
package dev.speckitty.orchestrator.core.agent.internal;
