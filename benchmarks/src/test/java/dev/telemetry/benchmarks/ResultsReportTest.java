package dev.telemetry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReportTest {
  private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\","
      + "\"Score Error (99.9%)\",\"Unit\"";

  @TempDir Path dir;

  @Test
  void everyTargetRowIsJudgedFromTheRunsOwnOutput() throws IOException {
    Files.write(dir.resolve("record-t1.csv"), List.of(HEADER,
        "\"x.RecordBenchmark.telemetryBound\",\"avgt\",1,10,7.5,0.1,\"ns/op\"",
        "\"x.RecordBenchmark.telemetryLabeled\",\"avgt\",1,10,19.0,0.1,\"ns/op\"",
        "\"x.RecordBenchmark.otelExplicitBuckets3Attributes\",\"avgt\",1,10,38.0,0.1,\"ns/op\""));
    Files.write(dir.resolve("record-t2.csv"), List.of(HEADER,
        "\"x.RecordBenchmark.telemetryBound\",\"avgt\",2,10,12.0,0.1,\"ns/op\"",
        "\"x.RecordBenchmark.telemetryLabeled\",\"avgt\",2,10,20.0,0.1,\"ns/op\"",
        "\"x.RecordBenchmark.otelExplicitBuckets3Attributes\",\"avgt\",2,10,100.0,0.1,\"ns/op\"",
        "\"x.RecordBenchmark.micrometerTimerPercentileHistogram\",\"avgt\",2,10,250.0,0.1,\"ns/op\""));
    Files.write(dir.resolve("query-t1.csv"), List.of(HEADER + ",\"Param: store\"",
        "\"x.QueryBenchmark.trends24h\",\"avgt\",1,3,8.0,1.0,\"ms/op\",memory",
        "\"x.QueryBenchmark.trends24h\",\"avgt\",1,3,25.0,1.0,\"ms/op\",sqlite"));
    Files.write(dir.resolve("memory.txt"), List.of(
        "threads=1 distribution=wide series=1000 records=9 ms=5 bytesPerSeries=2223 totalMiB=2.12 contendedDrops=0",
        "threads=32 distribution=wide series=1000 records=9 ms=5 bytesPerSeries=20000 totalMiB=19.1 contendedDrops=3"));
    Files.write(dir.resolve("scale.txt"), List.of("## per node", "nodes | x", "1 | 2",
        "## summary (ms)", "nodes | rows | trend 24h | trend 1h | summary refresh",
        "1 | 100 | 17.9 (10.0) | 38.5 (14.0) | 37.3 (30.0)",
        "50 | 5,000 | 25.8 (14.0) | 29.5 (14.0) | 86.5 (60.0)"));
    Files.write(dir.resolve("history.txt"), List.of("median (minimum) of 11 rounds, ms",
        "store | closed steps | history days | trend 24h | trend 7d | trend 30d",
        "SQLite | cached | 1 | 10.0 (4.0) | 10.0 (4.0) | 10.0 (4.0)",
        "SQLite | cached | 30 | 10.0 (5.0) | 10.0 (8.0) | 10.0 (4.4)"));
    Files.write(dir.resolve("summary-load.txt"), List.of("plain round 1: n=5 (5/s, 0 × 304, 0 errors) p95=4.00",
        "plain: p95 median 4.10 ms, minimum 3.90 ms over 5 rounds, 0 errors",
        "If-None-Match round 1: n=5 (5/s, 2 × 304, 3 errors) p95=5.50",
        "If-None-Match round 1 ERRORS: 3 × HTTP 500",
        "If-None-Match: p95 median 5.50 ms, minimum 5.00 ms over 5 rounds, 3 errors"));
    Files.write(dir.resolve("summary-load-wrk.txt"), List.of("server pid 1",
        "plain round 1: WRK n=9 (9/s, 0 x 304, 0 errors) p50=1.00 p95=2.50 p99=4.00 max=9.00 ms server-cpu=25us/req",
        "plain round 2: WRK n=9 (9/s, 0 x 304, 0 errors) p50=1.00 p95=7.00 p99=9.00 max=9.00 ms server-cpu=25us/req",
        "plain round 3: WRK n=9 (9/s, 0 x 304, 0 errors) p50=1.00 p95=2.00 p99=4.00 max=9.00 ms server-cpu=25us/req"));

    String md = ResultsReport.report(dir, "full");

    assertThat(md).contains("| bound record, 1 thread | ≤ 8 ns/op | 7.50 ns | yes |")
        .contains("| bound record, 2 threads | ≤ 10 ns/op | 12.00 ns | **no** |")
        .contains("| labelled, 1 thread, vs OTel (pre-built attributes) | ≥ 1.5× faster | 2.00× | yes |")
        .contains("| labelled, 2 threads, vs Micrometer | ≥ 10× faster | 12.50× | yes |")
        .contains("| labelled, 2 threads, vs OTel | ≥ 10× faster | 5.00× | **no** |")
        .contains("| trend 24 h, 30 days of data, in-memory | ≤ 10 ms | 8.00 ms | yes |")
        .contains("| trend 24 h, 30 days of data, sqlite | ≤ 20 ms | 25.00 ms | **no** |")
        .contains("| trend 30 d, 30 days of data, postgres | ≤ 50 ms | not run |  |")
        .contains("| heap per histogram series, wide latencies, 1 writer thread(s) | ≤ 16,384 B | 2223 B | yes |")
        .contains("| heap per histogram series, wide latencies, 32 writer thread(s) | ≤ 16,384 B | 20000 B | **no** |")
        .contains("| records dropped under contention (SeriesMemory, all runs) | 0 | 3.00 | **no** |")
        .contains("| trend 24h, 50 nodes / 1 node (minima) | ≤ 1.5× | 1.40× | yes |")
        .contains("| trend 24h, 50 nodes / 1 node (medians) | ≤ 1.5× | 1.44× | yes |")
        .contains("| trend 1h, 50 nodes / 1 node (medians) | ≤ 1.5× | 0.77× | yes |")
        .contains("| summary refresh, 50 nodes / 1 node (minima) | ≤ 1.5× | 2.00× | **no** |")
        .contains("| summary refresh, 50 nodes / 1 node (medians) | ≤ 1.5× | 2.32× | **no** |")
        .contains("| trend 24h, SQLite, 30 days / 1 day of history (minima) | ≤ 1.5× | 1.25× | yes |")
        .contains("| trend 7d, SQLite, 30 days / 1 day of history (minima) | ≤ 1.5× | 2.00× | **no** |")
        .contains("| trend 7d, SQLite, 30 days / 1 day of history (medians) | ≤ 1.5× | 1.00× | yes |")
        .contains("| trend 24h, PostgreSQL, 30 days / 1 day of history (minima) | ≤ 1.5× | not run |  |")
        .contains("| `/summary` p95, 50 connections from wrk, plain (median of rounds) | ≤ 5 ms | 2.50 ms | yes |")
        .contains("| `/summary` p95, 50 connections from wrk, If-None-Match (median of rounds) | ≤ 5 ms | not run |  |")
        .contains("| `/summary` p95, 50 clients, plain (median of rounds) | ≤ 5 ms | 4.10 ms | yes |")
        .contains("| `/summary` p95, 50 clients, If-None-Match (median of rounds) | ≤ 5 ms | 5.50 ms | **no** |")
        .contains("| `/summary` load errors, JVM generator (all rounds) | 0 | 3.00 | **no** |")
        .contains("| `/summary` load errors, wrk (all rounds) | 0 | 0.00 | yes |")
        .contains("| scrub, benignLine | ≤ 1,000 ns | not run |  |")
        .contains("| SQLite | cached | 30 | 10.0 (5.0) | 10.0 (8.0) | 10.0 (4.4) |");
  }
}
