package dev.telemetry.examples.demo;

import dev.telemetry.Telemetry;
import dev.telemetry.store.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Business events the demo emits: deployments per network and template, active users and their
 * sessions by tier, feature toggles, link processing, commands, alerts, abuse blocks, invite
 * codes, tier changes and wallet executions. Rates are per simulated second (see {@link
 * SimulatedTime}). Subjects are raw ids here; the library pseudonymizes them before storage.
 */
final class Events {
  /** Invite codes users redeem; their tier and how often each may be used live in the host database. */
  static final List<String> INVITE_CODES = List.of("LAUNCH1", "LAUNCH2", "LAUNCH3");
  static final List<String> ASSETS = List.of("USDC", "ETH", "SOL");
  static final double DEPLOYMENTS_PER_SECOND = 0.02;
  /** The platform fee in basis points (seed 003: 25 = 0.25 %). */
  static final int FEE_BPS = 25;

  private Events() {}

  static void emit(Telemetry telemetry, Random random, Instant now, Duration elapsed) {
    for (int i = SimulatedTime.occurrences(random, DEPLOYMENTS_PER_SECOND, elapsed); i > 0; i--) {
      String network = DemoModel.pick(random, DemoModel.NETWORKS, DemoModel.NETWORK_WEIGHTS);
      String template = DemoModel.pick(random, DemoModel.TEMPLATES, DemoModel.TEMPLATE_WEIGHTS);
      telemetry.event("deployment_created", "project-" + regular(random, 2_000),
          Map.of("network", network, "template", template),
          random.nextDouble() < 0.92 ? Outcome.SUCCESS : Outcome.FAILURE, 20 + random.nextInt(200));
    }
    for (int i = SimulatedTime.occurrences(random, 0.2, elapsed); i > 0; i--) {
      String tier = DemoModel.pick(random, DemoModel.TIERS, DemoModel.TIER_WEIGHTS);
      String user = "user-" + tier + "-" + regular(random, tier.equals("free") ? 20_000 : 4_000);
      telemetry.event("user_active", user, Map.of("tier", tier), Outcome.NONE, 0);
      // Most activity comes through a signed-in session (one per device); API-token use has none.
      if (random.nextInt(10) < 7) {
        telemetry.event("session_active", user + "-device-" + random.nextInt(2), Map.of("tier", tier), Outcome.NONE, 0);
      }
    }
    for (int i = SimulatedTime.occurrences(random, 0.05, elapsed); i > 0; i--) {
      link(telemetry, random);
    }
    for (int i = SimulatedTime.occurrences(random, 0.1, elapsed); i > 0; i--) {
      telemetry.event("command_executed", "user-free-" + regular(random, 20_000),
          Map.of("command", random.nextBoolean() ? "deploy" : "logs"), Outcome.SUCCESS, 0);
    }
    // Alert lifecycle: rules are created, fire (every 80 s), and are dismissed or expire.
    for (long i = SimulatedTime.boundaries(now, elapsed, Duration.ofSeconds(80)); i > 0; i--) {
      alert(telemetry, random, "fired");
    }
    for (int i = SimulatedTime.occurrences(random, 0.004, elapsed); i > 0; i--) {
      alert(telemetry, random, "created");
    }
    for (int i = SimulatedTime.occurrences(random, 0.005, elapsed); i > 0; i--) {
      alert(telemetry, random, "dismissed");
    }
    for (int i = SimulatedTime.occurrences(random, 0.001, elapsed); i > 0; i--) {
      alert(telemetry, random, "expired");
    }
    for (int i = SimulatedTime.occurrences(random, 0.005, elapsed); i > 0; i--) {
      telemetry.event("abuse_blocked", null, Map.of("reason", random.nextBoolean() ? "rate_limit" : "spam"),
          Outcome.NONE, 1);
    }
    for (int i = SimulatedTime.occurrences(random, 0.0002, elapsed); i > 0; i--) {
      telemetry.event("invite_redeemed", "user-free-" + random.nextInt(3000),
          Map.of("code", INVITE_CODES.get(random.nextInt(INVITE_CODES.size()))), Outcome.SUCCESS, 1);
    }
    for (int i = SimulatedTime.occurrences(random, 0.004, elapsed); i > 0; i--) {
      telemetry.event("tier_changed", "user-pro-" + random.nextInt(600), Map.of("from", "free", "to", "pro"),
          Outcome.SUCCESS, 1);
    }
    for (int i = SimulatedTime.occurrences(random, 0.002, elapsed); i > 0; i--) {
      telemetry.event("feature_toggled", null, Map.of("feature", random.nextBoolean() ? "new_builder" : "dark_mode",
          "state", random.nextBoolean() ? "on" : "off"), Outcome.NONE, 1);
    }
    for (int i = SimulatedTime.occurrences(random, 0.003, elapsed); i > 0; i--) {
      String token = ASSETS.get(random.nextInt(ASSETS.size()));
      boolean ok = random.nextDouble() < 0.93;
      String wallet = "wallet-" + random.nextInt(1500);
      double amount = Math.round(10 + Math.abs(random.nextGaussian()) * 500);
      telemetry.event("execution_finalized", wallet, Map.of("asset", token), ok ? Outcome.SUCCESS : Outcome.FAILURE,
          amount);
      if (ok) { // the platform fee applies to successful executions only
        telemetry.event("fee_collected", wallet, Map.of("asset", token), Outcome.SUCCESS, amount * FEE_BPS / 10_000.0);
      }
    }
  }

  private static void alert(Telemetry telemetry, Random random, String stage) {
    telemetry.event("alert_lifecycle", null,
        Map.of("stage", stage, "rule", random.nextBoolean() ? "latency_p95" : "error_rate"), Outcome.NONE, 1);
  }

  /**
   * A user of a population of {@code size}, skewed so that a few regulars are active every day
   * and most users only now and then (index = size × u³): a day sees fewer distinct users than a month.
   */
  private static int regular(Random random, int size) {
    double u = random.nextDouble();
    return (int) (size * u * u * u);
  }

  private static void link(Telemetry telemetry, Random random) {
    String domain = DemoModel.linkDomain(random);
    telemetry.event("link_received", null, Map.of("domain", domain), Outcome.NONE, 1);
    if (random.nextInt(20) == 0) {
      return; // still pending
    }
    boolean ok = random.nextDouble() < 0.94;
    double ms = 200 + Math.abs(random.nextGaussian()) * 900;
    String status = ok ? "completed" : "failed";
    telemetry.event("link_processed", null, Map.of("domain", domain, "status", status),
        ok ? Outcome.SUCCESS : Outcome.FAILURE, ms);
    telemetry.histogram(DemoModel.LINK_PROCESSING).record(ms / 1000, "status", status);
    if (!ok) {
      telemetry.warn("links", "link_failed", "could not fetch https://" + domain + "/post/"
          + random.nextInt(100000) + ": upstream returned 502");
    }
  }
}
