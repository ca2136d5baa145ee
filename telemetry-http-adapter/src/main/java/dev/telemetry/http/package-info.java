/** Mountable dashboard HTTP API and web dashboard. */
package dev.telemetry.http;
