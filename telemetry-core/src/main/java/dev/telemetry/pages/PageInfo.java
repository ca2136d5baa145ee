package dev.telemetry.pages;

import java.util.List;

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
