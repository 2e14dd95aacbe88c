package dev.ec2double.wire.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ec2double.compute.MockBackend;
import dev.ec2double.core.StateStore;
import dev.ec2double.server.ServerConfig;
import dev.ec2double.server.Services;
import dev.ec2double.server.StateServiceHost;
import dev.ec2double.wire.ApiHandler;
import dev.ec2double.wire.ApiResponse;
import dev.ec2double.wire.Operation;
import dev.ec2double.wire.Protocol;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated requests straight into {@link ApiHandler#handle}: every answer is a success or
 * an AWS error envelope in the caller's protocol, never a 500, a hang or a stack trace, and the
 * seeded account that the requests do not write to stays exactly as it was.
 */
class WireFuzzTest {
  /** The account whose state must not change: only read-only calls are made in it. */
  static final String SEEDED = "111111111111";

  private static final List<String> FUZZ_KEYS = List.of("AKIDFUZZ", "222222222222", "AKIDOTHER");

  private static Services services;
  private static ApiHandler api;
  private static String before;

  @BeforeContainer
  static void seed() {
    services = new Services(ServerConfig.builder(Map.of()).build(), new MockBackend(), "fuzz");
    api =
        new ApiHandler(services.registry(), new StateServiceHost(new StateStore()), "123456789012");
    before = SeededAccount.seed(api, SEEDED);
  }

  @AfterContainer
  static void close() {
    services.close();
  }

  @Provide
  Arbitrary<FuzzRequest> writes() {
    return Arbitraries.randomValue(
        random ->
            new RequestFuzzer(random).next(FUZZ_KEYS.get(random.nextInt(FUZZ_KEYS.size())), false));
  }

  @Provide
  Arbitrary<FuzzRequest> readsOfTheSeededAccount() {
    return Arbitraries.randomValue(random -> new RequestFuzzer(random).next(SEEDED, true));
  }

  @Property(seed = "8080808")
  void anyRequestGetsAnAwsAnswerAndLeavesOtherAccountsAlone(@ForAll("writes") FuzzRequest req) {
    ApiResponse answer = call(req);

    Envelopes.assertAwsAnswer(answer.status(), answer.body(), req.elb(), req.toString());
    assertThat(SeededAccount.snapshot(api, SEEDED))
        .as("seeded account after %s", req)
        .isEqualTo(before);
  }

  @Property(seed = "4242")
  void readsNeverChangeTheAccountTheyRead(@ForAll("readsOfTheSeededAccount") FuzzRequest req) {
    ApiResponse answer = call(req);

    Envelopes.assertAwsAnswer(answer.status(), answer.body(), false, req.toString());
    assertThat(SeededAccount.snapshot(api, SEEDED))
        .as("seeded account after %s", req)
        .isEqualTo(before);
  }

  /**
   * The SDK model marks no member required, so the decoder cannot refuse a call that lacks one:
   * every implemented operation, called bare, must still answer as AWS does.
   */
  @Example
  void everyImplementedOperationCalledWithoutParametersGetsAnAwsAnswer() {
    for (Operation op : services.registry().all()) {
      boolean elb = op.protocol() == Protocol.QUERY;
      String auth =
          SeededAccount.auth("AKIDBARE").replace("/ec2/", elb ? "/elasticloadbalancing/" : "/ec2/");
      FuzzRequest req = new FuzzRequest(op.action(), null, "Action=" + op.action(), auth, elb);

      ApiResponse answer = call(req);

      Envelopes.assertAwsAnswer(answer.status(), answer.body(), elb, req.toString());
    }
  }

  private static ApiResponse call(FuzzRequest req) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> api.handle(req.queryString(), req.formBody(), req.authorization()),
        () -> "no answer within 10 s to " + req);
  }

  static String text(ApiResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }
}
