package dev.telemetry.examples.demo;

import dev.telemetry.Telemetry;
import dev.telemetry.store.Outcome;
import java.util.Map;
import java.util.Random;

/**
 * Business events the demo emits: deployments per network and template, active users by tier,
 * feature toggles, link processing, commands, alerts, abuse blocks, invite codes and tier
 * changes. Subjects are raw ids here; the library pseudonymizes them before storage.
 */
final class Events {
  private Events() {}

  static void maybeEmit(Telemetry telemetry, Random random, long tick) {
    if (random.nextInt(8) == 0) {
      String network = DemoModel.pick(random, DemoModel.NETWORKS, DemoModel.NETWORK_WEIGHTS);
      String template = DemoModel.pick(random, DemoModel.TEMPLATES, DemoModel.TEMPLATE_WEIGHTS);
      telemetry.event("deployment_created", "project-" + random.nextInt(400),
          Map.of("network", network, "template", template),
          random.nextDouble() < 0.92 ? Outcome.SUCCESS : Outcome.FAILURE, 20 + random.nextInt(200));
    }
    if (random.nextInt(3) == 0) {
      String tier = DemoModel.pick(random, DemoModel.TIERS, DemoModel.TIER_WEIGHTS);
      telemetry.event("user_active", "user-" + tier + "-" + random.nextInt(tier.equals("free") ? 3000 : 600),
          Map.of("tier", tier), Outcome.NONE, 0);
    }
    if (random.nextInt(5) == 0) {
      String domain = DemoModel.LINK_DOMAINS.get(random.nextInt(DemoModel.LINK_DOMAINS.size()));
      telemetry.event("link_received", null, Map.of("domain", domain), Outcome.NONE, 1);
      if (random.nextInt(20) != 0) {
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
    if (random.nextInt(6) == 0) {
      telemetry.event("command_executed", "user-free-" + random.nextInt(3000),
          Map.of("command", random.nextBoolean() ? "deploy" : "logs"), Outcome.SUCCESS, 0);
    }
    if (tick % 400 == 0) {
      telemetry.event("alert_fired", null, Map.of("rule", random.nextBoolean() ? "latency_p95" : "error_rate"),
          Outcome.NONE, 1);
    }
    if (random.nextInt(120) == 0) {
      telemetry.event("abuse_blocked", null, Map.of("reason", random.nextBoolean() ? "rate_limit" : "spam"),
          Outcome.NONE, 1);
    }
    if (random.nextInt(200) == 0) {
      telemetry.event("invite_redeemed", "user-free-" + random.nextInt(3000),
          Map.of("code", "LAUNCH" + (1 + random.nextInt(3))), Outcome.SUCCESS, 1);
    }
    if (random.nextInt(300) == 0) {
      telemetry.event("tier_changed", "user-pro-" + random.nextInt(600), Map.of("from", "free", "to", "pro"),
          Outcome.SUCCESS, 1);
    }
    if (random.nextInt(250) == 0) {
      telemetry.event("feature_toggled", null,
          Map.of("feature", random.nextBoolean() ? "new_builder" : "dark_mode", "state", random.nextBoolean() ? "on" : "off"),
          Outcome.NONE, 1);
    }
  }
}
