package dev.telemetry.query;

import java.time.Instant;

/**
 * Events of one UTC day.
 *
 * @param day midnight UTC starting the day
 * @param count events that day
 * @param distinctSubjects distinct subjects that day (e.g. daily active users)
 */
public record EventDay(Instant day, long count, long distinctSubjects) {}
