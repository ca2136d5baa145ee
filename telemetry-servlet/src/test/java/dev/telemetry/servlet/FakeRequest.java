package dev.telemetry.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** A minimal request outside any container, for what the filter does when its own parts fail. */
final class FakeRequest {
  private final String uri;
  private final Map<String, Object> attributes = new HashMap<>();

  FakeRequest(String uri) {
    this.uri = uri;
  }

  /** Sets an attribute as a framework would while dispatching. */
  FakeRequest with(String name, Object value) {
    attributes.put(name, value);
    return this;
  }

  HttpServletRequest proxy() {
    return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (self, method, args) -> switch (method.getName()) {
          case "getRequestURI" -> uri;
          case "getContextPath" -> "";
          case "getMethod" -> "GET";
          case "getDispatcherType" -> DispatcherType.REQUEST;
          case "isAsyncStarted" -> false;
          case "getAttribute" -> attributes.get((String) args[0]);
          case "setAttribute" -> attributes.put((String) args[0], args[1]);
          case "hashCode" -> System.identityHashCode(self);
          case "equals" -> self == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  static HttpServletResponse response(int status) {
    return (HttpServletResponse) Proxy.newProxyInstance(FakeRequest.class.getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (self, method, args) -> switch (method.getName()) {
          case "getStatus" -> status;
          case "hashCode" -> System.identityHashCode(self);
          case "equals" -> self == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
