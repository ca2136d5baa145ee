package dev.telemetry.examples.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The demo's command line, parsed and validated. Bad input is a {@link BadArguments} with a
 * message for the user (the launcher prints it and exits with code 2).
 *
 * @param port HTTP port (0 picks a free one)
 * @param store {@code memory}, {@code sqlite:PATH} or {@code postgres:JDBC_URL}
 * @param token bearer token for the dashboard, or {@code null} to generate one
 * @param backfillDays days of history generated at start
 * @param traffic whether live traffic is simulated
 * @param help whether {@code --help} was asked for
 */
public record DemoArguments(int port, String store, String token, int backfillDays, boolean traffic, boolean help) {
  static final String DEFAULT_STORE = "sqlite:" + Path.of("data", "telemetry-demo.db");

  /** What {@code --help} prints. */
  public static final String USAGE = String.join("\n",
      "Usage: java -jar telemetry-demo.jar [options]",
      "",
      "Starts a demo host with simulated traffic and serves the telemetry dashboard.",
      "",
      "Options:",
      "  --port N              HTTP port, 0-65535 (default 8080; 0 picks a free port)",
      "  --store KIND          memory | sqlite:PATH | postgres:JDBC_URL",
      "                        (default sqlite:data/telemetry-demo.db)",
      "  --token T             dashboard bearer token, 16-256 printable chars",
      "                        (default: generated and printed)",
      "  --backfill-days N     days of history generated at start, 0-30 (default 7)",
      "  --no-traffic          do not simulate live traffic",
      "  --help                print this and exit",
      "",
      "Example: java -jar telemetry-demo.jar --port 9090 --store memory --backfill-days 2");

  /** Parses {@code args}; throws {@link BadArguments} naming the bad option. */
  public static DemoArguments parse(List<String> args) {
    int port = 8080;
    String store = DEFAULT_STORE;
    String token = null;
    int backfillDays = 7;
    boolean traffic = true;
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--no-traffic" -> traffic = false;
        case "--port" -> port = integer(name, inline != null ? inline : value(args, ++i, name), 0, 65535);
        case "--backfill-days" ->
            backfillDays = integer(name, inline != null ? inline : value(args, ++i, name), 0, 30);
        case "--store" -> store = store(inline != null ? inline : value(args, ++i, name));
        case "--token" -> token = token(inline != null ? inline : value(args, ++i, name));
        default -> throw new BadArguments("unknown option '" + abbreviate(arg) + "' (see --help)");
      }
    }
    return new DemoArguments(port, store, token, backfillDays, traffic, help);
  }

  private static String value(List<String> args, int i, String name) {
    if (i >= args.size() || args.get(i).startsWith("--")) {
      throw new BadArguments(name + " needs a value (see --help)");
    }
    return args.get(i);
  }

  private static int integer(String name, String raw, int min, int max) {
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        throw new BadArguments(name + " must be between " + min + " and " + max + ", was " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BadArguments(name + " must be a whole number, was '" + abbreviate(raw) + "'");
    }
  }

  private static String store(String raw) {
    String lower = raw.toLowerCase(Locale.ROOT);
    if (lower.equals("memory")) {
      return "memory";
    }
    if (lower.startsWith("sqlite:") && raw.length() > "sqlite:".length()) {
      return raw;
    }
    if (lower.startsWith("postgres:jdbc:postgresql://")) {
      return raw;
    }
    throw new BadArguments("--store must be memory, sqlite:PATH or postgres:jdbc:postgresql://HOST[:PORT]/DB, was '"
        + abbreviate(raw) + "'");
  }

  private static String token(String raw) {
    if (raw.length() < 16 || raw.length() > 256 || !raw.chars().allMatch(c -> c > 32 && c < 127)) {
      throw new BadArguments("--token must be 16 to 256 printable ASCII characters without spaces");
    }
    return raw;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }

  /** A command-line mistake, with a message meant for the user. */
  public static final class BadArguments extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadArguments(String message) {
      super(message);
    }
  }
}
