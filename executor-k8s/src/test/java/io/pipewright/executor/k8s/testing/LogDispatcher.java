package io.pipewright.executor.k8s.testing;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers {@code GET .../pods/<name>/log} from the test kubelet's captured output (the CRUD
 * dispatcher would answer it with the pod list), honouring {@code tailLines}; everything else goes
 * to the mock server's own dispatcher.
 */
final class LogDispatcher extends Dispatcher {

  private static final Pattern LOG_PATH =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?(.*))?");

  private final Dispatcher delegate;
  private volatile BiFunction<String, String, String> logs = (namespace, pod) -> null;

  LogDispatcher(Dispatcher delegate) {
    this.delegate = delegate;
  }

  void logs(BiFunction<String, String, String> logs) {
    this.logs = logs;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Matcher matcher = LOG_PATH.matcher(request.getPath());
    if (!"GET".equalsIgnoreCase(request.getMethod()) || !matcher.matches()) {
      return delegate.dispatch(request);
    }
    String log = logs.apply(matcher.group(1), matcher.group(2));
    if (log == null) {
      return new MockResponse()
          .setResponseCode(404)
          .setBody(
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":"
                  + "\"NotFound\",\"code\":404,\"message\":\"pods \\\""
                  + matcher.group(2)
                  + "\\\" not found\"}");
    }
    Integer tail = tailLines(matcher.group(4));
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "text/plain")
        .setBody(tail == null ? log : tail(log, tail));
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  private static Integer tailLines(String query) {
    if (query == null) {
      return null;
    }
    for (String parameter : query.split("&")) {
      int eq = parameter.indexOf('=');
      if (eq > 0 && parameter.substring(0, eq).equals("tailLines")) {
        return Integer.valueOf(
            URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return null;
  }

  static String tail(String log, int lines) {
    if (lines <= 0) {
      return "";
    }
    int end = log.endsWith("\n") ? log.length() - 1 : log.length();
    int at = end;
    for (int seen = 0; seen < lines; seen++) {
      int newline = log.lastIndexOf('\n', at - 1);
      if (newline < 0) {
        return log;
      }
      at = newline;
    }
    return log.substring(at + 1);
  }
}
