package dev.telemetry.pages;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.telemetry.internal.guard.Failures;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.status.SectionError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host's pages, each cached for its TTL.
 *
 * <pre>{@code
 * PageRegistry pages = PageRegistry.builder().clock(telemetry.clock()).register(users).register(billing).build();
 * PageResult r = pages.page("users"); // UnknownPageException → 404
 * PageResult job = pages.detail("jobs", "nightly_report"); // a drill-down page
 * }</pre>
 *
 * <p>Each page has its own Caffeine cache of one entry, expiring {@code ttl} after it was
 * written, with a ticker read from the injected {@link Clock} (tests move the clock). Caffeine
 * computes an absent entry at most once at a time per key: concurrent readers of an expired
 * page wait for that one computation and share its result; readers of a fresh page get the
 * cached result without waiting. Sections run behind guards (see {@link PageProvider}).
 */
public final class PageRegistry {
  private static final Pattern PAGE_ID = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Pattern SECTION_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Duration MIN_TTL = Duration.ofSeconds(1);
  private static final Duration MAX_TTL = Duration.ofDays(1);
  private static final int MAX_PAGES = 256;
  private static final int MAX_SECTIONS = 64;
  private static final Pattern DETAIL_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final String PAGE_KEY = "";
  /** Drill-down pages kept per page; past it the least recently used is recomputed when asked again. */
  static final int MAX_DETAILS_CACHED = 64;

  private final Clock clock;
  private final RedactionPolicy redaction;
  private final Map<String, Registered> pages;
  private final List<PageInfo> infos;

  private PageRegistry(Builder b) {
    this.clock = b.clock;
    this.redaction = b.redaction;
    Map<String, Registered> map = new LinkedHashMap<>();
    List<PageInfo> list = new ArrayList<>();
    for (Spec spec : b.pages) {
      Registered r = new Registered(spec, clock);
      map.put(r.id, r);
      list.add(r.info());
    }
    this.pages = Map.copyOf(map);
    this.infos = List.copyOf(list);
  }

  /** Pages are registered on the builder and validated there. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every registered page, in registration order. */
  public List<PageInfo> pages() {
    return infos;
  }

  /**
   * The page {@code id}, from cache when younger than its TTL, else computed now (one
   * computation at a time per page). Never throws for a failing section.
   *
   * @throws UnknownPageException when no page has that id (including malformed ids)
   */
  public PageResult page(String id) {
    Registered r = registered(id);
    return r.cache.get(PAGE_KEY, ignored -> compute(r, null, r.sections));
  }

  /**
   * The drill-down page {@code detailId} under page {@code id}, cached for the page's TTL (at most
   * {@value #MAX_DETAILS_CACHED} details per page are kept). Never throws for a failing section.
   *
   * @throws UnknownPageException when no page has that id, or the page has no such detail
   * @throws IllegalArgumentException when {@code detailId} does not match {@code [A-Za-z0-9_.:-]{1,64}}
   */
  public PageResult detail(String id, String detailId) {
    Registered r = registered(id);
    if (detailId == null || !DETAIL_ID.matcher(detailId).matches()) {
      throw new IllegalArgumentException("detail must match [A-Za-z0-9_.:-]{1,64}");
    }
    if (!r.provider.hasDetails()) {
      throw UnknownPageException.of(id + "/" + detailId);
    }
    PageResult result = r.details.get(detailId, ignored -> computeDetail(r, detailId));
    if (result == null) {
      throw UnknownPageException.of(id + "/" + detailId);
    }
    return result;
  }

  private Registered registered(String id) {
    Registered r = id == null ? null : pages.get(id);
    if (r == null) {
      throw UnknownPageException.of(id);
    }
    return r;
  }

  /** {@code null} (not cached) when the provider has no such detail. */
  private PageResult computeDetail(Registered r, String detailId) {
    List<PageSection> sections;
    try {
      sections = r.provider.detail(detailId).orElse(null);
      if (sections != null) {
        sections = checkedSections("detail '" + detailId + "'", sections);
      }
    } catch (Throwable t) {
      Failures.rethrowIfFatal(t);
      Instant now = clock.instant();
      SectionError error = new SectionError("detail", redaction.scrub(SectionError.of("detail", t).message()));
      SectionResult failed = new SectionResult("detail", detailId, SectionResult.State.ERROR, null, now,
          now.plus(r.ttl), r.ttl.toSeconds(), null, error.message(), null);
      return new PageResult(r.id, detailId, detailId, now, r.ttl.toSeconds(), List.of(failed), List.of(error));
    }
    if (sections == null) {
      return null;
    }
    return compute(r, detailId, sections);
  }

  private PageResult compute(Registered r, String detailId, List<PageSection> sections) {
    Instant now = clock.instant();
    Instant expires = now.plus(r.ttl);
    long ttl = r.ttl.toSeconds();
    List<SectionResult> results = new ArrayList<>();
    List<SectionError> errors = new ArrayList<>();
    for (PageSection section : sections) {
      SectionResult result;
      try {
        PageSection.MinimumData gate = section.gate();
        long have = gate == null ? 0 : gate.current().getAsLong();
        if (gate != null && have < gate.required()) {
          result = new SectionResult(section.name(), section.title(), SectionResult.State.COLLECTING, null, now,
              expires, ttl, null, null, new SectionResult.Collecting(have, gate.required(), gate.unit()));
        } else {
          SectionView view = section.view().get();
          if (view == null) {
            throw new IllegalStateException("the section returned no view");
          }
          result = new SectionResult(section.name(), section.title(), SectionResult.State.OK, view.kind(), now,
              expires, ttl, ScrubbedViews.scrub(view, redaction), null, null);
        }
      } catch (Throwable t) {
        Failures.rethrowIfFatal(t);
        SectionError error = new SectionError(section.name(),
            redaction.scrub(SectionError.of(section.name(), t).message()));
        errors.add(error);
        result = new SectionResult(section.name(), section.title(), SectionResult.State.ERROR, null, now, expires,
            ttl, null, error.message(), null);
      }
      results.add(result);
    }
    String title = detailId == null ? r.provider.title() : detailId;
    return new PageResult(r.id, detailId, title, now, ttl, results, errors);
  }

  /** The sections as given, or why they cannot be served ({@code where}: "page 'jobs'"). */
  private static List<PageSection> checkedSections(String where, List<PageSection> given) {
    List<PageSection> sections = given == null ? List.of() : List.copyOf(given);
    if (sections.isEmpty() || sections.size() > MAX_SECTIONS) {
      throw new IllegalArgumentException(where + ": must have 1 to " + MAX_SECTIONS + " sections, has "
          + sections.size());
    }
    Set<String> names = new HashSet<>();
    for (PageSection s : sections) {
      if (!SECTION_NAME.matcher(s.name()).matches()) {
        throw new IllegalArgumentException(where + ": section name '" + s.name() + "' must match [a-z][a-z0-9_]{0,63}");
      }
      if (!names.add(s.name())) {
        throw new IllegalArgumentException(where + ": section '" + s.name() + "' is declared twice");
      }
    }
    return sections;
  }

  private static final class Registered {
    final String id;
    final Duration ttl;
    final PageProvider provider;
    final List<PageSection> sections;
    final Cache<String, PageResult> cache;
    final Cache<String, PageResult> details;

    Registered(Spec spec, Clock clock) {
      this.id = spec.id;
      this.ttl = spec.ttl;
      this.provider = spec.provider;
      this.sections = spec.sections;
      this.cache = cache(1, ttl, clock);
      this.details = cache(MAX_DETAILS_CACHED, ttl, clock);
    }

    private static Cache<String, PageResult> cache(int size, Duration ttl, Clock clock) {
      return Caffeine.newBuilder()
          .maximumSize(size)
          .expireAfterWrite(ttl)
          .ticker(() -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
          })
          .executor(Runnable::run) // maintenance inline: no hidden thread, deterministic in tests
          .build();
    }

    PageInfo info() {
      return new PageInfo(id, provider.title(), ttl.toSeconds(), sections.stream().map(PageSection::name).toList(),
          provider.hasDetails());
    }
  }

  private record Spec(String id, Duration ttl, List<PageSection> sections, PageProvider provider) {}

  /** Registers pages; each registration is validated at once, naming the page and the rule. */
  public static final class Builder {
    private final List<Spec> pages = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private Clock clock = Clock.systemUTC();
    private RedactionPolicy redaction = RedactionPolicy.defaults();

    private Builder() {}

    /**
     * The scrub gate for what pages serve: every string of a view and every section error
     * (default {@link RedactionPolicy#defaults()}; {@code Telemetry} passes its own).
     */
    public Builder redaction(RedactionPolicy redaction) {
      this.redaction = requireNonNull(redaction, "redaction");
      return this;
    }

    /** The clock for {@code generated_at} and TTLs (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Registers a page. */
    public Builder register(PageProvider provider) {
      requireNonNull(provider, "provider");
      String id = provider.id();
      if (id == null || !PAGE_ID.matcher(id).matches()) {
        throw new IllegalArgumentException("page id '" + id + "' must match [a-z0-9-]{1,64}");
      }
      if (!ids.add(id)) {
        throw new IllegalArgumentException("page '" + id + "' is registered twice");
      }
      if (ids.size() > MAX_PAGES) {
        throw new IllegalArgumentException("at most " + MAX_PAGES + " pages, '" + id + "' is one too many");
      }
      Duration ttl = provider.ttl();
      if (ttl == null || ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
        throw new IllegalArgumentException("page '" + id + "': ttl must be between 1 s and 1 day, was " + ttl);
      }
      if (provider.title() == null || provider.title().isBlank() || provider.title().length() > 100) {
        throw new IllegalArgumentException("page '" + id + "': title must be 1 to 100 characters");
      }
      List<PageSection> sections = checkedSections("page '" + id + "'", provider.sections());
      pages.add(new Spec(id, ttl, sections, provider));
      return this;
    }

    /** The registry. */
    public PageRegistry build() {
      return new PageRegistry(this);
    }
  }

  /**
   * A registered page, for the {@code /pages} listing.
   *
   * @param id the page id
   * @param title its heading
   * @param ttlSeconds its TTL in seconds
   * @param sections its section names, in order
   * @param hasDetails whether it has drill-down pages ({@code /pages/{id}/{detail}})
   */
  public record PageInfo(String id, String title, long ttlSeconds, List<String> sections, boolean hasDetails) {
    public PageInfo {
      sections = List.copyOf(sections);
    }
  }

  /**
   * A computed page, or a computed drill-down page under one.
   *
   * @param id the page id
   * @param detail the drill-down id, or {@code null} for the page itself
   * @param title the heading
   * @param generatedAt when it was computed (it is served from cache until {@code generatedAt + ttl})
   * @param ttlSeconds the page's TTL in seconds
   * @param sections every section in declaration order, each with its view or why it has none
   * @param errors the sections that failed, naming each (also in their {@link SectionResult})
   */
  public record PageResult(String id, String detail, String title, Instant generatedAt, long ttlSeconds,
      List<SectionResult> sections, List<SectionError> errors) {
    public PageResult {
      requireNonNull(id, "id");
      requireNonNull(title, "title");
      requireNonNull(generatedAt, "generatedAt");
      sections = List.copyOf(sections);
      errors = List.copyOf(errors);
    }

    /** The section called {@code name}. */
    public Optional<SectionResult> section(String name) {
      return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The view of the section called {@code name}, when it was computed. */
    public Optional<SectionView> view(String name) {
      return section(name).map(SectionResult::view);
    }
  }

  /**
   * One computed section of a page: its view, or why there is none (an error, or not enough data
   * yet), and how fresh it is.
   *
   * @param name the section's name
   * @param title its heading
   * @param state {@code OK} (with a view), {@code ERROR} (with an error) or {@code COLLECTING}
   * @param kind the view's kind ({@code stats}, {@code table} …); {@code null} without a view
   * @param computedAt when it was computed
   * @param expiresAt when the cached value is recomputed: {@code computedAt + ttl}
   * @param ttlSeconds the TTL it was cached for
   * @param view the view; {@code null} unless {@code OK}
   * @param error the failure's type and message; {@code null} unless {@code ERROR}
   * @param collecting how much data there is and is needed; {@code null} unless {@code COLLECTING}
   */
  public record SectionResult(String name, String title, State state, String kind, Instant computedAt,
      Instant expiresAt, long ttlSeconds, SectionView view, String error, Collecting collecting) {
    public SectionResult {
      requireNonNull(name, "name");
      requireNonNull(state, "state");
      requireNonNull(computedAt, "computedAt");
    }

    /** Whether a section has a view. */
    public enum State {
      /** Computed; the view is present. */
      OK,
      /** The section (or its gate) threw; {@code error} says what. */
      ERROR,
      /** The gate's count is below its minimum; the view was not computed. */
      COLLECTING
    }

    /**
     * A gate's progress.
     *
     * @param current the count now
     * @param required the count the section waits for
     * @param unit what is counted
     */
    public record Collecting(long current, long required, String unit) {}
  }
}
