import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

/** 20 times: open 50 connections, one request each, read the answers, close all 50; print non-200 answers. */
public class CapCheck {
  public static void main(String[] a) throws Exception {
    URI url = URI.create(a[0]);
    byte[] req = ("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1:" + url.getPort()
        + "\r\nAuthorization: Bearer summary-load-test-token\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    Map<String, Integer> seen = new TreeMap<>();
    for (int round = 0; round < 20; round++) {
      List<Socket> socks = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        Socket s = new Socket(url.getHost(), url.getPort());
        socks.add(s);
        s.getOutputStream().write(req);
      }
      for (Socket s : socks) {
        DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
        String status = readLine(in);
        int len = 0;
        for (String h = readLine(in); !h.isEmpty(); h = readLine(in)) {
          if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) len = Integer.parseInt(h.substring(15).trim());
        }
        byte[] body = new byte[len];
        in.readFully(body);
        String key = status.startsWith("HTTP/1.1 200") ? "200" : status + " " + new String(body, StandardCharsets.UTF_8);
        seen.merge(key, 1, Integer::sum);
      }
      for (Socket s : socks) s.close();
    }
    seen.forEach((k, v) -> System.out.println(v + " x " + k));
  }

  static String readLine(DataInputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) throw new EOFException();
      if (c != '\r') b.append((char) c);
    }
    return b.toString();
  }
}
