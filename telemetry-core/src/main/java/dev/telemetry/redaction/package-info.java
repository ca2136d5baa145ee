/**
 * Privacy by construction: {@link dev.telemetry.redaction.RedactionPolicy} drops forbidden
 * fields, scrubs secrets out of free text and pseudonymizes identifiers before anything is
 * stored or exported. Everything else in this package is an implementation detail.
 */
package dev.telemetry.redaction;
