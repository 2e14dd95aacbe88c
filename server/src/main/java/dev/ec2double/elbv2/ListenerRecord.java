package dev.ec2double.elbv2;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * One listener: its description, attributes, the ARN of its default rule, and the host port its
 * proxy accepts on (its own port when that was free, otherwise one the system picked).
 */
public final class ListenerRecord implements java.io.Serializable {
  /** The listener attribute that tells a client where on this machine the listener accepts. */
  public static final String HOST_PORT_ATTRIBUTE = "ec2double.host_port";

  /** The listener attribute that tells a client the address the listener accepts on. */
  public static final String HOST_ADDRESS_ATTRIBUTE = "ec2double.host_address";

  public static final Map<String, String> DEFAULT_ATTRIBUTES = ListenerAttributes.HTTP;

  public final long seq;
  public final String defaultRuleArn;
  private volatile Listener sdk;
  private volatile int hostPort;

  /** Where the proxy accepts: follows from the load balancer's name, so not saved. */
  private transient volatile String hostAddress;

  public final Map<String, String> attributes = new ConcurrentHashMap<>(DEFAULT_ATTRIBUTES);

  /**
   * The certificates AddListenerCertificates added, in the order added (the default certificate is
   * the description's). Changed under the store's lock.
   */
  public final Set<String> certificates = Collections.synchronizedSet(new LinkedHashSet<>());

  public ListenerRecord(long seq, Listener sdk, String defaultRuleArn) {
    this.seq = seq;
    this.sdk = sdk;
    this.defaultRuleArn = defaultRuleArn;
  }

  public Listener sdk() {
    return sdk;
  }

  public void update(Listener updated) {
    this.sdk = updated;
  }

  public String arn() {
    return sdk.listenerArn();
  }

  public int hostPort() {
    return hostPort;
  }

  public void hostPort(int port) {
    this.hostPort = port;
  }

  public String hostAddress() {
    return hostAddress;
  }

  public void hostAddress(String address) {
    this.hostAddress = address;
  }
}
