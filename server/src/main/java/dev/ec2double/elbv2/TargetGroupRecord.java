package dev.ec2double.elbv2;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** One target group: its settings as the API shows them, its attributes and its targets. */
public final class TargetGroupRecord implements java.io.Serializable {
  public final long seq;
  private volatile TargetGroup sdk;
  public final Map<String, String> attributes;
  private final Map<String, TargetRecord> targets = new ConcurrentHashMap<>();
  private final AtomicLong targetSeq = new AtomicLong();

  /** The round-robin position of the proxy. */
  public final AtomicInteger next = new AtomicInteger();

  /** What the proxy sent its targets (not saved: a restarted server has measured nothing). */
  private transient volatile RequestCounter requests;

  public RequestCounter requests() {
    RequestCounter r = requests;
    if (r == null) {
      synchronized (this) {
        if (requests == null) {
          requests = new RequestCounter();
        }
        r = requests;
      }
    }
    return r;
  }

  public TargetGroupRecord(long seq, TargetGroup sdk) {
    this.seq = seq;
    this.sdk = sdk;
    this.attributes = new ConcurrentHashMap<>(NetworkAttributes.targetGroupDefaults(sdk));
  }

  public TargetGroup sdk() {
    return sdk;
  }

  public void update(TargetGroup updated) {
    this.sdk = updated;
  }

  public String arn() {
    return sdk.targetGroupArn();
  }

  public boolean isInstanceType() {
    return "instance".equals(sdk.targetTypeAsString());
  }

  /** Every target, draining ones included, in registration order. */
  public List<TargetRecord> targets() {
    return targets.values().stream().sorted(Comparator.comparingLong(t -> t.seq)).toList();
  }

  public TargetRecord target(String id, int port) {
    return targets.get(TargetRecord.key(id, port));
  }

  /** Registers a target; registering one again (even a draining one) starts it afresh. */
  public void register(String id, int port, String zone) {
    targets.put(
        TargetRecord.key(id, port), new TargetRecord(id, port, zone, targetSeq.incrementAndGet()));
  }

  /** Starts draining a target; it is forgotten at once when the delay is 0. */
  public void deregister(TargetRecord t, int delaySeconds) {
    if (delaySeconds <= 0) {
      targets.remove(t.key(), t);
    } else {
      t.drain(Instant.now().plusSeconds(delaySeconds));
    }
  }

  /** Forgets targets whose draining is over. */
  public void forgetDrained(Instant now) {
    targets.values().removeIf(t -> t.drained(now));
  }

  public int attributeInt(String key) {
    return Integer.parseInt(attributes.get(key));
  }
}
