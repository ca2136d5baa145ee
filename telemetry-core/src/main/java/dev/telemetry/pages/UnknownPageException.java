package dev.telemetry.pages;

/** No page is registered under the requested id (the HTTP adapter answers 404). */
public final class UnknownPageException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String pageId;

  UnknownPageException(String pageId) {
    super("no page '" + pageId + "'");
    this.pageId = pageId;
  }

  /** The requested id, cut to 64 characters (it comes from a URL). */
  public String pageId() {
    return pageId;
  }

  static UnknownPageException of(String requested) {
    String id = requested == null ? "" : requested.length() > 64 ? requested.substring(0, 64) + "…" : requested;
    return new UnknownPageException(id);
  }
}
