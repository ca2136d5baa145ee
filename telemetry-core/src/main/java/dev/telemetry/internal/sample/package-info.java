/**
 * Not API: the one rule that merges metric samples, shared by store, query and rollup. Classes
 * here may change in any release.
 */
package dev.telemetry.internal.sample;
