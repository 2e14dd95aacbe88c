package dev.ec2double.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeState;

/**
 * One thread's volumes in the mixed workload: created in the zone of one of its instances, then
 * attached, detached and deleted at random. A volume or instance caught between states answers
 * AWS's state errors, which are expected; every other error is unexpected.
 */
final class MixedVolumes {
  private static final Set<String> STATE_ERRORS =
      Set.of(
          "IncorrectState", "IncorrectInstanceState", "VolumeInUse", "InvalidVolume.ZoneMismatch");
  private static final String DEVICES = "fghijklmnop";

  private final Ec2Client ec2;
  private final Set<String> everyVolume;
  private final Queue<String> unexpected;
  private final List<String> mine = new ArrayList<>();

  /** The devices this thread attached per instance: each attach takes one not used yet. */
  private final Map<String, Set<Character>> devicesOf = new HashMap<>();

  MixedVolumes(Ec2Client ec2, Set<String> everyVolume, Queue<String> unexpected) {
    this.ec2 = ec2;
    this.everyVolume = everyVolume;
    this.unexpected = unexpected;
  }

  void step(String instance, Random random) {
    if (mine.isEmpty() || random.nextInt(3) == 0) {
      String zone = Mixed.describe(ec2, instance).placement().availabilityZone();
      String id = ec2.createVolume(r -> r.availabilityZone(zone).size(1)).volumeId();
      if (!everyVolume.add(id)) {
        unexpected.add("volume id handed out twice: " + id);
      }
      mine.add(id);
      return;
    }
    String id = mine.get(random.nextInt(mine.size()));
    Volume v = ec2.describeVolumes(r -> r.volumeIds(id)).volumes().get(0);
    try {
      if (v.state() == VolumeState.IN_USE) {
        ec2.detachVolume(r -> r.volumeId(id));
      } else if (v.state() == VolumeState.AVAILABLE && random.nextBoolean()) {
        ec2.deleteVolume(r -> r.volumeId(id));
        mine.remove(id);
        everyVolume.remove(id);
      } else if (v.state() == VolumeState.AVAILABLE) {
        Character device = freeDevice(instance);
        if (device != null) {
          ec2.attachVolume(r -> r.volumeId(id).instanceId(instance).device("/dev/sd" + device));
          devicesOf.get(instance).add(device);
        }
      }
    } catch (Ec2Exception e) {
      if (!STATE_ERRORS.contains(e.awsErrorDetails().errorCode())) {
        throw e;
      }
    }
  }

  private Character freeDevice(String instance) {
    Set<Character> used = devicesOf.computeIfAbsent(instance, i -> new HashSet<>());
    for (char c : DEVICES.toCharArray()) {
      if (!used.contains(c)) {
        return c;
      }
    }
    return null;
  }

  /**
   * Deletes these volumes once each is available (after terminate-all every data volume detaches);
   * returns the ones still described after 60 s.
   */
  static List<String> deleteAll(Ec2Client ec2, Set<String> volumes) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    List<String> left = new ArrayList<>(volumes);
    while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
      for (Volume v : described(ec2, left)) {
        if (v.state() == VolumeState.AVAILABLE) {
          ec2.deleteVolume(r -> r.volumeId(v.volumeId()));
        }
      }
      Thread.sleep(200);
      left.retainAll(described(ec2, left).stream().map(Volume::volumeId).toList());
    }
    return left;
  }

  /** Those of the volumes that exist (a filter, unlike VolumeIds, does not refuse gone ones). */
  private static List<Volume> described(Ec2Client ec2, List<String> ids) {
    return ec2.describeVolumes(r -> r.filters(f -> f.name("volume-id").values(ids))).volumes();
  }
}
