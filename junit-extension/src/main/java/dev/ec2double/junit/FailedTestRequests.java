package dev.ec2double.junit;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.requests.RequestLog;
import dev.ec2double.server.requests.RequestLog.LoggedCall;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the server's request log stood when a test began: what it called, should it fail. */
final class FailedTestRequests {
  private static final Pattern MESSAGE =
      Pattern.compile("<Message>(.*?)</Message>", Pattern.DOTALL);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());
  private static final int MAX = 1000;

  private final RequestLog log;
  private final long after;

  private FailedTestRequests(RequestLog log, long after) {
    this.log = log;
    this.after = after;
  }

  static FailedTestRequests from(Ec2DoubleServer server) {
    return new FailedTestRequests(server.requests(), server.requests().nextSeq() - 1);
  }

  void print(String test, PrintStream out) {
    List<LoggedCall> calls = new ArrayList<>(log.find(c -> true, after, MAX));
    Collections.reverse(calls);
    StringBuilder b = new StringBuilder();
    b.append("ec2-double: the API calls made while ")
        .append(test)
        .append(" ran (")
        .append(calls.size())
        .append(calls.size() == MAX ? " or more, the last ones" : "")
        .append("), oldest first:\n");
    for (LoggedCall c : calls) {
      b.append(line(c)).append('\n');
    }
    if (calls.isEmpty()) {
      b.append("  (none)\n");
    }
    out.print(b);
    out.flush();
  }

  static String line(LoggedCall logged) {
    var c = logged.call();
    StringBuilder b =
        new StringBuilder("  ")
            .append(TIME.format(Instant.ofEpochMilli(c.startedMillis())))
            .append(' ')
            .append(c.service())
            .append(' ')
            .append(c.action())
            .append(' ')
            .append(c.response().status());
    if (c.response().errorCode() != null) {
      b.append(' ').append(c.response().errorCode());
      Matcher m = MESSAGE.matcher(new String(logged.responseBody(), StandardCharsets.UTF_8));
      if (m.find()) {
        b.append(": ").append(m.group(1));
      }
    }
    return b.append(String.format(Locale.ROOT, " (%.1f ms)", c.nanos() / 1e6)).toString();
  }
}
