/**
 * Not API: the record path behind the public instruments. Classes here may change in any release.
 *
 * <p>Why it looks the way it does: see {@code docs/decisions/0004-record-path-and-pipeline.md}.
 */
package dev.telemetry.internal.record;
