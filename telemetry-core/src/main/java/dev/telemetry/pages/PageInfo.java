package dev.telemetry.pages;

import java.util.List;

/**
 * A registered page, for the {@code /pages} listing.
 *
 * @param id the page id
 * @param ttlSeconds its TTL in seconds
 * @param sections its section names, in order
 */
public record PageInfo(String id, long ttlSeconds, List<String> sections) {
  public PageInfo {
    sections = List.copyOf(sections);
  }
}
