/** Implementation details of the test project (process running, file trees). Not API. */
package dev.speckitty.orchestrator.testkit.project.internal;
