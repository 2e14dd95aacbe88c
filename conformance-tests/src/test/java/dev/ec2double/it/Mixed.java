package dev.ec2double.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * The mixed workload of the concurrency tests: run, describe, stop, start, terminate, tag, key
 * pairs, volumes (create, attach, detach, delete) and security group rules, each thread on its own
 * instances and volumes, all on one shared instance's tags and one shared group's rules. What a
 * call may legitimately answer under a race (an instance or volume not in the right state) is
 * expected; anything else is collected as unexpected.
 */
public final class Mixed {
  public static final String AMI = "ami-0ec2d00000000de12";
  private static final Set<InstanceStateName> LEGAL =
      Set.of(
          InstanceStateName.PENDING,
          InstanceStateName.RUNNING,
          InstanceStateName.STOPPING,
          InstanceStateName.STOPPED,
          InstanceStateName.SHUTTING_DOWN,
          InstanceStateName.TERMINATED);

  private final Ec2Client ec2;
  private final String ami;
  private final String shared;
  public final Set<String> launched = ConcurrentHashMap.newKeySet();
  public final Set<String> keyPairs = ConcurrentHashMap.newKeySet();
  public final Set<String> volumes = ConcurrentHashMap.newKeySet();

  /** Listener rules, or null where the workload leaves them out. */
  private final MixedRules listenerRules;

  /** The shared group, and the ingress ports authorized on it and not revoked. */
  public final String group;

  public final Set<Integer> ports = ConcurrentHashMap.newKeySet();
  public final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

  public Mixed(Ec2Client ec2, String ami, String shared) {
    this(ec2, ami, shared, null);
  }

  /** With listener rules too, on this shared listener's rule set. */
  public Mixed(Ec2Client ec2, String ami, String shared, MixedRules rules) {
    this.ec2 = ec2;
    this.listenerRules = rules;
    this.ami = ami;
    this.shared = shared;
    this.group =
        ec2.createSecurityGroup(
                r -> r.groupName("mixed-" + System.nanoTime()).description("concurrent rules"))
            .groupId();
  }

  Mixed(Ec2Client ec2, String shared, MixedRules rules) {
    this(ec2, AMI, shared, rules);
  }

  /** Runs {@code calls} calls; returns this thread's last value of its tag on the shared one. */
  public Map<String, String> run(int thread, int calls, Random random) {
    List<String> mine = new ArrayList<>();
    List<String> myKeys = new ArrayList<>();
    List<Integer> myPorts = new ArrayList<>();
    List<String> myRules = new ArrayList<>();
    MixedVolumes myVolumes = new MixedVolumes(ec2, volumes, unexpected);
    Map<String, String> lastTag = new HashMap<>();
    for (int n = 0; n < calls; n++) {
      int op = random.nextInt(mine.isEmpty() ? 2 : 14);
      try {
        switch (op) {
          case 0 -> {
            int count = 1 + random.nextInt(2);
            for (Instance i :
                ec2.runInstances(r -> r.imageId(ami).minCount(count).maxCount(count)).instances()) {
              if (!launched.add(i.instanceId())) {
                unexpected.add("id handed out twice: " + i.instanceId());
              }
              mine.add(i.instanceId());
            }
          }
          case 1 -> {
            String key = "t" + thread;
            String value = "v" + n;
            ec2.createTags(r -> r.resources(shared).tags(t -> t.key(key).value(value)));
            lastTag.put(key, value);
          }
          case 2 -> {
            for (Instance i : describeAll(ec2)) {
              if (!LEGAL.contains(i.state().name())) {
                unexpected.add("illegal state " + i.state() + " of " + i.instanceId());
              }
            }
          }
          case 3 -> {
            String id = mine.get(random.nextInt(mine.size()));
            expectingState(() -> ec2.stopInstances(r -> r.instanceIds(id)));
          }
          case 4 -> {
            String id = mine.get(random.nextInt(mine.size()));
            expectingState(() -> ec2.startInstances(r -> r.instanceIds(id)));
          }
          case 5 -> {
            String id = mine.remove(random.nextInt(mine.size()));
            ec2.terminateInstances(r -> r.instanceIds(id));
          }
          case 6 -> {
            String id = mine.get(random.nextInt(mine.size()));
            ec2.createTags(r -> r.resources(id).tags(t -> t.key("owner").value("t" + thread)));
            describe(ec2, id);
          }
          case 7 -> {
            String name = "k-" + thread + "-" + n;
            ec2.createKeyPair(r -> r.keyName(name).keyType("ed25519"));
            keyPairs.add(name);
            myKeys.add(name);
          }
          case 8 -> {
            if (!myKeys.isEmpty()) {
              String name = myKeys.remove(random.nextInt(myKeys.size()));
              ec2.deleteKeyPair(r -> r.keyName(name));
              keyPairs.remove(name);
            }
          }
          case 9 -> myVolumes.step(mine.get(random.nextInt(mine.size())), random);
          case 10 -> {
            int port = 1024 + thread * 1000 + n;
            ec2.authorizeSecurityGroupIngress(
                r -> r.groupId(group).ipPermissions(rule(thread, port)));
            ports.add(port);
            myPorts.add(port);
          }
          case 11 -> {
            if (!myPorts.isEmpty()) {
              int port = myPorts.remove(random.nextInt(myPorts.size()));
              ec2.revokeSecurityGroupIngress(
                  r -> r.groupId(group).ipPermissions(rule(thread, port)));
              ports.remove(port);
            }
          }
          case 12 -> {
            if (listenerRules != null) {
              listenerRules.step(thread, n, random, myRules);
            }
          }
          default -> ec2.describeKeyPairs();
        }
      } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
        unexpected.add(e.awsErrorDetails().errorCode() + ": " + e.getMessage());
      } catch (RuntimeException e) {
        unexpected.add(e.toString());
      }
    }
    return lastTag;
  }

  /** A thread's ingress rule on the shared group: one TCP port, from a range of its own. */
  private static IpPermission rule(int thread, int port) {
    return IpPermission.builder()
        .ipProtocol("tcp")
        .fromPort(port)
        .toPort(port)
        .ipRanges(ip -> ip.cidrIp("10." + thread + ".0.0/16"))
        .build();
  }

  /** The ports the shared group lets in now, as DescribeSecurityGroups says. */
  public Set<Integer> authorizedPorts() {
    Set<Integer> out = new java.util.HashSet<>();
    ec2.describeSecurityGroups(r -> r.groupIds(group))
        .securityGroups()
        .get(0)
        .ipPermissions()
        .forEach(p -> out.add(p.fromPort()));
    return out;
  }

  /**
   * Deletes every volume the run made, once detached (terminated instances detach theirs); then the
   * group. Returns the volumes still described afterwards.
   */
  public List<String> deleteVolumesAndGroup() throws InterruptedException {
    List<String> left = MixedVolumes.deleteAll(ec2, volumes);
    ec2.deleteSecurityGroup(r -> r.groupId(group));
    return left;
  }

  private void expectingState(Runnable call) {
    try {
      call.run();
    } catch (Ec2Exception e) {
      if (!e.awsErrorDetails().errorCode().equals("IncorrectInstanceState")) {
        throw e;
      }
    }
  }

  public static Instance describe(Ec2Client ec2, String id) {
    return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
  }

  public static List<Instance> describeAll(Ec2Client ec2) {
    List<Instance> all = new ArrayList<>();
    for (Reservation r : ec2.describeInstancesPaginator(b -> b.maxResults(1000)).reservations()) {
      all.addAll(r.instances());
    }
    return all;
  }

  /** Terminates every instance of the account that is not terminated yet. */
  public static void terminateAll(Ec2Client ec2) {
    List<String> ids =
        describeAll(ec2).stream()
            .filter(i -> i.state().name() != InstanceStateName.TERMINATED)
            .map(Instance::instanceId)
            .toList();
    for (int i = 0; i < ids.size(); i += 100) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + 100));
      ec2.terminateInstances(r -> r.instanceIds(batch));
    }
  }
}
