/** Implementation details of the mission generator (graphs, ULIDs, front matter). Not API. */
package dev.speckitty.orchestrator.testkit.mission.internal;
