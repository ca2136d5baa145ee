package dev.telemetry.pages;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * A host-defined dashboard page ({@code /pages/{id}}): an id, a TTL and named sections.
 *
 * <h2>Threading, caching and failures</h2>
 * {@link #id()}, {@link #ttl()} and {@link #sections()} are read once, when the page is
 * registered. The {@link PageRegistry} computes a page at most once at a time and caches the
 * result for its TTL; readers meanwhile get the cached result (or wait for the one computation
 * when there is none yet). Sections run one after the other on the computing thread and may
 * block; a section that throws is reported in the page's {@code errors} and the page is still
 * returned (and cached for its TTL, which keeps a failing backend from being hammered).
 *
 * <pre>{@code
 * PageProvider users = PageProvider.of("users", Duration.ofMinutes(5),
 *     PageSection.of("tiers", () -> userRepository.countByTier()),
 *     PageSection.of("invites", () -> new InviteStats(invites.issued(), invites.redeemed())));
 * }</pre>
 */
public interface PageProvider {
  /** The page id, {@code [a-z0-9-]{1,64}}. */
  String id();

  /** How long a computed page is served from cache: 1 s to 1 day. */
  Duration ttl();

  /** The sections, in display order; at least one. */
  List<PageSection<?>> sections();

  /** A provider from its parts. */
  static PageProvider of(String id, Duration ttl, PageSection<?>... sections) {
    requireNonNull(id, "id");
    requireNonNull(ttl, "ttl");
    List<PageSection<?>> list = List.of(sections);
    return new PageProvider() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Duration ttl() {
        return ttl;
      }

      @Override
      public List<PageSection<?>> sections() {
        return list;
      }
    };
  }
}
