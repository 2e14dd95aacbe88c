package dev.ec2double.server.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.server.requests.RequestLog.LoggedCall;
import dev.ec2double.wire.ApiResponse;
import dev.ec2double.wire.CallLog.Call;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestLogTest {
  @Test
  void keepsTheNewestUpToItsCapacity() {
    RequestLog log = new RequestLog(3);
    for (int i = 1; i <= 5; i++) {
      log.called(call("A" + i, 10));
    }

    assertThat(actions(log.find(c -> true, 0, 100))).containsExactly("A5", "A4", "A3");
    assertThat(log.get(2)).isEmpty();
    assertThat(log.get(4)).map(c -> c.call().action()).hasValue("A4");
  }

  @Test
  void largeAnswersPushOutTheOldestBeyondTheByteBudget() {
    RequestLog log = new RequestLog(1000);
    int big = (int) (RequestLog.MAX_BYTES / 3);
    log.called(call("Small", 10));
    log.called(call("Big1", big));
    log.called(call("Big2", big));
    log.called(call("Big3", big));
    log.called(call("Huge", (int) RequestLog.MAX_BYTES + 1));

    // the answer past the whole budget is kept without its body, so it pushes nothing out
    assertThat(actions(log.find(c -> true, 0, 100))).containsExactly("Huge", "Big3", "Big2");
    assertThat(log.get(5)).map(c -> c.responseBody().length).hasValue(0);
    assertThat(log.get(4)).map(c -> c.responseBody().length).hasValue(big);
  }

  @Test
  void keptAnswersReadBackExactlyAsTheRingGrowsAndGoesRound() {
    RequestLog log = new RequestLog(1000);
    java.util.Random random = new java.util.Random(7);
    java.util.Map<Long, byte[]> sent = new java.util.HashMap<>();
    for (int i = 1; i <= 400; i++) {
      byte[] body = new byte[1 + random.nextInt(100_000)];
      random.nextBytes(body);
      sent.put((long) i, body);
      log.called(call("A" + i, body));
    }

    List<LoggedCall> kept = log.find(c -> true, 0, 1000);
    assertThat(kept.get(0).seq()).isEqualTo(400L);
    assertThat(kept.size()).isBetween(100, 399); // ~50 KB each within 8 MiB
    long total = 0;
    for (LoggedCall c : kept) {
      assertThat(c.responseBody()).as("body of call %d", c.seq()).isEqualTo(sent.get(c.seq()));
      assertThat(c.call().response().status()).isEqualTo(200);
      total += c.responseBody().length;
    }
    assertThat(total).isLessThanOrEqualTo(RequestLog.MAX_BYTES);
  }

  @Test
  void aFirstAnswerLargerThanTheRingSoFarIsKeptWholeAlsoAfterAClear() {
    RequestLog log = new RequestLog(10);
    for (int round = 0; round < 2; round++) {
      byte[] body = new byte[300_000];
      java.util.Arrays.fill(body, (byte) ('a' + round));
      log.called(call("Big", body));

      assertThat(log.find(c -> true, 0, 10).get(0).responseBody()).isEqualTo(body);
      log.clear();
    }
  }

  @Test
  void anAnswerLargerThanTheLogKeepsItsCallWithoutTheBody() {
    RequestLog log = new RequestLog(10);
    log.called(call("Huge", (int) RequestLog.MAX_BYTES + 1));

    assertThat(log.get(1)).map(c -> c.responseBody().length).hasValue(0);
  }

  @Test
  void findsAfterASequenceNumberWithAFilterAndALimit() {
    RequestLog log = new RequestLog(100);
    for (int i = 1; i <= 6; i++) {
      log.called(call(i % 2 == 0 ? "Even" : "Odd", 1));
    }

    assertThat(log.find(c -> c.call().action().equals("Even"), 2, 100))
        .extracting(LoggedCall::seq)
        .containsExactly(6L, 4L);
    assertThat(log.find(c -> true, 0, 2)).extracting(LoggedCall::seq).containsExactly(6L, 5L);
  }

  @Test
  void clearingForgetsTheCallsNotTheCountAndListenersHearEachCall() {
    RequestLog log = new RequestLog(100);
    List<String> heard = new ArrayList<>();
    log.onCall(c -> heard.add(c.call().action()));
    log.called(call("One", 1));
    log.clear();
    log.called(call("Two", 1));

    assertThat(log.find(c -> true, 0, 10)).extracting(LoggedCall::seq).containsExactly(2L);
    assertThat(heard).containsExactly("One", "Two");
  }

  @Test
  void aLogOfSizeZeroKeepsNothingAndTellsNoOne() {
    RequestLog log = new RequestLog(0);
    List<String> heard = new ArrayList<>();
    log.onCall(c -> heard.add(c.call().action()));
    log.called(call("One", 1));

    assertThat(log.find(c -> true, 0, 10)).isEmpty();
    assertThat(heard).isEmpty();
  }

  private static Call call(String action, int bodyBytes) {
    return call(action, new byte[bodyBytes]);
  }

  private static Call call(String action, byte[] body) {
    return new Call(
        "ec2",
        action,
        "AKID",
        "123456789012",
        "us-east-1",
        0,
        1_000,
        null,
        "Action=" + action,
        new ApiResponse(200, body, "req"));
  }

  private static List<String> actions(List<LoggedCall> calls) {
    return calls.stream().map(c -> c.call().action()).toList();
  }
}
