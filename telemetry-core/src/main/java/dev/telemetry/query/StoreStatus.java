package dev.telemetry.query;

import dev.telemetry.store.StoreStats;
import java.time.Instant;

/**
 * The store and its upkeep at a glance ({@code /store}): its size and tables, when retention last
 * ran and how far the rollups have come.
 *
 * @param checkedAt when this was read
 * @param stats what the store says about itself (sizes, rows, oldest and newest row per table)
 * @param lastRetentionRun when the retention job last finished a run on any node, or {@code null}
 * @param hourRollupThrough hour rollups are complete before this instant, or {@code null}
 * @param dayRollupThrough day rollups are complete before this instant, or {@code null}
 */
public record StoreStatus(Instant checkedAt, StoreStats stats, Instant lastRetentionRun, Instant hourRollupThrough,
    Instant dayRollupThrough) {}
