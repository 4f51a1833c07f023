/** Implementation details of the scripted agent (scenario codec, runtime). Not API. */
package dev.speckitty.orchestrator.testkit.agent.internal;
