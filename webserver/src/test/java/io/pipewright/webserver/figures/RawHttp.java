package io.pipewright.webserver.figures;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client over one kept-alive socket, for the figures' load: it sends a request
 * encoded once ahead and reads the status and body, nothing else.
 *
 * <p>Why not {@code java.net.http.HttpClient}: it runs each exchange through a selector thread and
 * chains of futures, and JFR showed it spending a large share of the CPU the figures charge to the
 * webserver (the load generator shares its JVM and its 2 cores). A blocking socket per client costs
 * a small fraction of that, so that the figures measure the webserver, not the client.
 */
final class RawHttp implements Closeable {

  /** A response: its status and body. */
  record Response(int status, byte[] body) {

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the body holds these bytes (ASCII), without decoding it. */
    boolean contains(byte[] needle) {
      outer:
      for (int i = 0; i + needle.length <= body.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (body[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    }
  }

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RawHttp(URL root) {
    this.host = root.getHost();
    this.port = root.getPort() < 0 ? root.getDefaultPort() : root.getPort();
  }

  /**
   * Encodes a POST once, to be sent many times.
   *
   * @param root the server's root URL
   * @param path the path, from {@code /}
   * @param contentType the body's media type
   * @param body the body
   * @return the request's bytes
   */
  static byte[] post(URL root, String path, String contentType, byte[] body) {
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + root.getHost()
            + ":"
            + root.getPort()
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[h.length + body.length];
    System.arraycopy(h, 0, request, 0, h.length);
    System.arraycopy(body, 0, request, h.length, body.length);
    return request;
  }

  /**
   * Sends a request made by {@link #post} and reads its response; connects (again) when needed.
   *
   * @param request the request's bytes
   * @return the response
   * @throws IOException when the exchange fails
   */
  Response send(byte[] request) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      out.write(request);
      out.flush();
      return read();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = socket.getOutputStream();
  }

  private Response read() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    boolean chunked = false;
    boolean closing = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Integer.parseInt(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> closing = value.equalsIgnoreCase("close");
        default -> {
          // not needed
        }
      }
    }
    byte[] body;
    if (chunked) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
          size > 0;
          size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        all.write(exactly(size));
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
      body = all.toByteArray();
    } else if (length >= 0) {
      body = exactly(length);
    } else {
      body = in.readAllBytes();
      closing = true;
    }
    if (closing) {
      close();
    }
    return new Response(code, body);
  }

  /**
   * Reads {@code n} bytes into one array of that size: {@code readNBytes(n)} reads a large body in
   * chunks and copies them, twice the body in allocation (a fifth of the JVM's allocation per page
   * of 1,000 events, JFR), in the JVM the webserver shares.
   */
  private byte[] exactly(int n) throws IOException {
    byte[] bytes = new byte[n];
    if (in.readNBytes(bytes, 0, n) < n) {
      throw new EOFException("The connection closed in the middle of a body");
    }
    return bytes;
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("The connection closed in the middle of a response");
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }
}
