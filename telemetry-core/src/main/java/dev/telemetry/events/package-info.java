/**
 * Business events on the read side: {@link dev.telemetry.events.EventQueries} answers counts,
 * distinct subjects, breakdowns, per-day series and period comparisons of one event type
 * ({@link dev.telemetry.events.EventAnalytics}) and lists the event types seen. Events are
 * recorded with {@code Telemetry.event} and stored as {@code store.BusinessEvent} rows.
 */
package dev.telemetry.events;
