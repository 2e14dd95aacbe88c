package dev.ec2double.ec2.instances;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;

/**
 * One instance. Its mutable fields are guarded by the record's own lock; work on its machine
 * (launch, stop, start, terminate) runs one step at a time, in order, on its task chain.
 */
public final class InstanceRecord implements java.io.Serializable {
  final long seq;
  final String id;
  final String reservationId;
  final String ownerId;
  final String account;
  final String region;
  final String imageId;
  final String imageRef;
  final String keyName;
  final int launchIndex;
  final String zone;
  final String subnetId;
  final String vpcId;

  /** Fixed at launch; changes only while pending, when another server on the engine took it. */
  volatile String privateIp;

  volatile String privateDnsName;

  /** PrivateDnsNameOptions: which name is its hostname, and whether the resource name resolves. */
  volatile String hostnameType = PrivateDnsNames.IP_NAME;

  volatile boolean resourceNameA;
  volatile boolean resourceNameAaaa;

  /** The names its machine answers to on its network now (decided at launch and each start). */
  volatile List<String> machineNames = List.of();

  final String architecture;
  final String clientToken;
  final List<String> securityGroupIds;

  /** The engine network of its VPC, and its primary interface's MAC. */
  String network;

  String mac;
  String instanceType;
  String userData;
  String shutdownBehavior;
  boolean disableApiTermination;
  InstanceMetadataOptionsResponse metadataOptions;

  /** The Spot request it was launched for, or null for an on-demand instance. */
  volatile String spotRequestId;

  /** HibernationOptions.Configured at launch: StopInstances may hibernate it. */
  volatile boolean hibernationConfigured;

  /** Whether it was launched with {@code HibernationOptions.Configured}. */
  public boolean hibernationConfigured() {
    return hibernationConfigured;
  }

  /**
   * Its stop hibernates (set with stopping, kept while stopped): the machine is paused with its
   * memory, and the next start resumes it rather than booting it. Guarded by the record's lock.
   */
  boolean hibernated;

  /** A burstable instance's CPU credit option ({@code standard}, {@code unlimited}), else null. */
  volatile String cpuCredits;

  /** Where it is placed beyond its zone (group, host, reservation); null in state saved before. */
  volatile InstancePlacement placement = InstancePlacement.DEFAULT;

  /** The instance profile associated now, or null. */
  volatile dev.ec2double.ec2.roles.InstanceProfiles.Profile profile;

  /** MonitorInstances: {@code disabled}, {@code pending} (until it is next read) or enabled. */
  volatile String monitoring = "disabled";

  /** ModifyInstanceCpuOptions: cores and threads per core, or null for the type's own. */
  volatile Integer cpuCores;

  volatile Integer cpuThreads;

  /** ModifyInstanceMaintenanceOptions and ModifyInstanceNetworkPerformanceOptions. */
  volatile String autoRecovery = "default";

  volatile String rebootMigration = "default";
  volatile String bandwidthWeighting = "default";

  /** DisableApiStop (stop protection); ResetInstanceAttribute turns it off. */
  volatile boolean disableApiStop;

  /** Launched from a Windows-platform image: GetPasswordData has a password for it. */
  volatile boolean windows;

  /** Its administrator password encrypted with its key pair (base64), or null. */
  volatile String passwordData;

  /** HttpPutResponseHopLimit now. */
  public synchronized int metadataHopLimit() {
    Integer hops = metadataOptions == null ? null : metadataOptions.httpPutResponseHopLimit();
    return hops == null ? 1 : hops;
  }

  InstanceState state = InstanceState.PENDING;
  String stateReasonCode;
  String stateReasonMessage;
  String stateTransitionReason = "";
  Instant launchTime;
  Instant terminatedAt;
  String machineId;

  /**
   * What the instance's end frees (its interfaces and addresses, its volumes), run once it is
   * terminated, whoever ended it: a terminate, a failed launch, or its container removed outside.
   */
  transient Runnable release = () -> {};

  /** Exits of the machine the server caused itself (reboots), not to be read as a shutdown. */
  final AtomicInteger expectedExits = new AtomicInteger();

  /**
   * Its last DescribeInstances view and the change count it was built at ({@link
   * dev.ec2double.core.Changes#count()}): reused while no change happened since. Not saved.
   */
  transient volatile DescribedView described;

  record DescribedView(long generation, software.amazon.awssdk.services.ec2.model.Instance view) {}

  /** Not saved: a restarted server starts with no step under way. */
  private transient CompletableFuture<Void> chain;

  InstanceRecord(
      long seq,
      String id,
      String reservationId,
      String account,
      String region,
      String imageId,
      String imageRef,
      String keyName,
      int launchIndex,
      String zone,
      String subnetId,
      String vpcId,
      String privateIp,
      String privateDnsName,
      String architecture,
      String clientToken,
      List<String> securityGroupIds) {
    this.seq = seq;
    this.id = id;
    this.reservationId = reservationId;
    this.ownerId = account;
    this.account = account;
    this.region = region;
    this.imageId = imageId;
    this.imageRef = imageRef;
    this.keyName = keyName;
    this.launchIndex = launchIndex;
    this.zone = zone;
    this.subnetId = subnetId;
    this.vpcId = vpcId;
    this.privateIp = privateIp;
    this.privateDnsName = privateDnsName;
    this.architecture = architecture;
    this.clientToken = clientToken;
    this.securityGroupIds = securityGroupIds;
  }

  /** The AMI the instance was launched from. */
  public String imageId() {
    return imageId;
  }

  public String id() {
    return id;
  }

  public String privateIp() {
    return privateIp;
  }

  /** When it was launched, or last started after a stop. */
  public synchronized Instant launchTime() {
    return launchTime;
  }

  public String vpcId() {
    return vpcId;
  }

  public String subnetId() {
    return subnetId;
  }

  public String zone() {
    return zone;
  }

  /** Its placement group, host and Capacity Reservation. */
  public InstancePlacement placement() {
    InstancePlacement p = placement;
    return p == null ? InstancePlacement.DEFAULT : p;
  }

  /** ModifyInstancePlacement, ModifyInstanceCapacityReservationAttributes. */
  public void placement(InstancePlacement p) {
    this.placement = p;
  }

  /** Whether it holds capacity now: pending, running or stopping (not stopped, not ended). */
  public synchronized boolean holdsCapacity() {
    return state == InstanceState.PENDING
        || state == InstanceState.RUNNING
        || state == InstanceState.STOPPING;
  }

  /** The Spot request it was launched for, or null for an on-demand instance. */
  public String spotRequestId() {
    return spotRequestId;
  }

  /** A burstable instance's CPU credit option, or null for other types. */
  public String cpuCredits() {
    return cpuCredits;
  }

  /** ModifyInstanceCreditSpecification. */
  public void cpuCredits(String credits) {
    this.cpuCredits = credits;
  }

  public synchronized InstanceState state() {
    return state;
  }

  public synchronized String machineId() {
    return machineId;
  }

  public synchronized String instanceType() {
    return instanceType;
  }

  /** Runs a step on this instance's machine after the steps queued before it. */
  synchronized CompletableFuture<Void> then(Runnable step, Executor executor) {
    CompletableFuture<Void> before =
        chain == null ? CompletableFuture.completedFuture(null) : chain;
    chain = before.handle((v, e) -> null).thenRunAsync(step, executor);
    return chain;
  }

  synchronized void transition(InstanceState to, String reasonCode, String reasonMessage) {
    state = to;
    stateReasonCode = reasonCode;
    stateReasonMessage = reasonMessage;
    if (to == InstanceState.TERMINATED) {
      terminatedAt = Instant.now();
    }
  }

  /** Saved under the lock that guards these fields, so the saved copy is consistent. */
  private synchronized void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.defaultWriteObject();
  }

  /** What a restored instance frees is given again by the adoption ({@link InstanceAdoption}). */
  private void readObject(java.io.ObjectInputStream in)
      throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    release = () -> {};
  }
}
