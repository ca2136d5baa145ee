/** Runnable examples and the demo host. */
package dev.telemetry.examples;
