/**
 * Not API: the error-rate formula shared by health, signals and query. Classes here may change in
 * any release.
 */
package dev.telemetry.internal.status;
