package dev.ec2double.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * 16 threads, 200 mixed calls each, one account, on the mock backend: every id unique, every state
 * legal, no tag or rule lost, and after a final terminate-all and volume deletes nothing left.
 */
class ConcurrencyIT {
  static final int THREADS = 16;
  static final int CALLS = 200;
  private static final String ACCOUNT = "400000000016";

  @Test
  void mixedCallsFromManyThreadsKeepEveryInvariant() throws Exception {
    try (Ec2Client ec2 = TestServer.ec2("us-east-1", ACCOUNT)) {
      String shared =
          ec2.runInstances(r -> r.imageId(Mixed.AMI).minCount(1).maxCount(1))
              .instances()
              .get(0)
              .instanceId();
      MixedRules rules = new MixedRules(TestServer.get(), ACCOUNT);
      Mixed mixed = new Mixed(ec2, shared, rules);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Map<String, String>>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> mixed.run(thread, CALLS, new Random(1000 + thread))));
      }
      Map<String, String> lastTagValues = new ConcurrentHashMap<>();
      for (Future<Map<String, String>> f : done) {
        lastTagValues.putAll(f.get(5, TimeUnit.MINUTES));
      }
      pool.shutdown();

      assertThat(mixed.unexpected).as("unexpected errors").isEmpty();
      assertThat(mixed.launched).hasSizeGreaterThan(THREADS);
      List<Instance> all = Mixed.describeAll(ec2);
      assertThat(all.stream().map(Instance::instanceId).distinct().count())
          .as("every id unique")
          .isEqualTo(all.size());
      assertThat(all.stream().map(Instance::instanceId).toList()).containsAll(mixed.launched);
      assertThat(all)
          .allSatisfy(
              i ->
                  assertThat(i.state().name())
                      .isNotNull()
                      .isNotEqualTo(InstanceStateName.UNKNOWN_TO_SDK_VERSION));
      assertThat(ec2.describeKeyPairs().keyPairs().stream().map(k -> k.keyName()).toList())
          .as("every key pair created and not deleted is there")
          .containsExactlyInAnyOrderElementsOf(mixed.keyPairs);

      // every thread's last write to its own tag key on the shared instance survived
      List<Tag> tags = Mixed.describe(ec2, shared).tags();
      for (Map.Entry<String, String> e : lastTagValues.entrySet()) {
        assertThat(tags).contains(Tag.builder().key(e.getKey()).value(e.getValue()).build());
      }

      assertThat(rules.rules).as("listener rules left by the threads").isNotEmpty();
      List<Rule> described = rules.described();
      assertThat(described.stream().map(Rule::ruleArn).toList())
          .as("every listener rule added and not deleted is there, and no other")
          .containsExactlyInAnyOrderElementsOf(rules.rules.keySet());
      assertThat(MixedRules.uniquePriorities(described)).as("priorities unique").isTrue();
      rules.close();
      assertThat(mixed.authorizedPorts())
          .as("every rule authorized and not revoked is there, and no other")
          .isEqualTo(mixed.ports);

      Mixed.terminateAll(ec2);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (!Mixed.describeAll(ec2).stream()
          .allMatch(i -> i.state().name() == InstanceStateName.TERMINATED)) {
        assertThat(Instant.now()).as("everything terminated").isBefore(deadline);
        Thread.sleep(200);
      }
      assertThat(mixed.volumes).as("volumes made").isNotEmpty();
      assertThat(mixed.deleteVolumesAndGroup()).as("volumes left after deleting them").isEmpty();
      assertThat(ec2.describeVolumes().volumes())
          .as("no volume of the account is left: roots went with their instances")
          .isEmpty();
      for (String id : mixed.launched) {
        // the mock backend's machine for an instance: nothing of it may still run
        assertThat(TestServer.get().backend().isRunning("mock-ec2double-" + id)).as(id).isFalse();
      }
    } catch (Ec2Exception e) {
      throw new AssertionError(e.awsErrorDetails().errorCode() + ": " + e.getMessage(), e);
    }
  }
}
