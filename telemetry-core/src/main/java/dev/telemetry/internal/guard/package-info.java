/**
 * Not API: the description of contained failures shared by health, signals and pages. Classes
 * here may change in any release.
 */
package dev.telemetry.internal.guard;
