/** Storage conformance kit and test fixtures for telemetry stores. */
package dev.telemetry.testkit;
