package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import software.amazon.awssdk.services.ec2.model.GetConsoleScreenshotRequest;
import software.amazon.awssdk.services.ec2.model.GetConsoleScreenshotResponse;
import software.amazon.awssdk.services.ec2.model.GetInstanceTpmEkPubRequest;
import software.amazon.awssdk.services.ec2.model.GetInstanceTpmEkPubResponse;
import software.amazon.awssdk.services.ec2.model.GetInstanceUefiDataRequest;
import software.amazon.awssdk.services.ec2.model.GetInstanceUefiDataResponse;
import software.amazon.awssdk.services.ec2.model.GetPasswordDataRequest;
import software.amazon.awssdk.services.ec2.model.GetPasswordDataResponse;
import software.amazon.awssdk.services.ec2.model.ReportInstanceStatusRequest;
import software.amazon.awssdk.services.ec2.model.ReportInstanceStatusResponse;
import software.amazon.awssdk.services.ec2.model.SendDiagnosticInterruptRequest;
import software.amazon.awssdk.services.ec2.model.SendDiagnosticInterruptResponse;

/**
 * What an instance shows of itself beyond its console text: GetPasswordData, GetConsoleScreenshot
 * (a PNG of the console's tail), SendDiagnosticInterrupt (the kernel's NMI line in the console),
 * ReportInstanceStatus, GetInstanceUefiData and GetInstanceTpmEkPub.
 */
public final class InstanceDiagnosticsService {
  private static final Set<String> REASONS =
      Set.of(
          "instance-stuck-in-state",
          "unresponsive",
          "not-accepting-credentials",
          "password-not-available",
          "performance-network",
          "performance-instance-store",
          "performance-ebs-volume",
          "performance-other",
          "other");

  /** What a Linux kernel prints for an NMI it cannot attribute, AWS's diagnostic interrupt. */
  static final String NMI_LINE =
      "Uhhuh. NMI received for unknown reason 3d on CPU 0. Dazed and confused, but trying to"
          + " continue (ec2-double: SendDiagnosticInterrupt)";

  private final InstanceLifecycle lifecycle;

  public InstanceDiagnosticsService(InstanceLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /**
   * A Windows instance's password encrypted with its key pair; empty for Linux instances and for
   * instances launched without a key pair (AWS answers the same).
   */
  public GetPasswordDataResponse getPasswordData(RequestContext ctx, GetPasswordDataRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    String data = r.passwordData;
    return GetPasswordDataResponse.builder()
        .instanceId(r.id)
        .timestamp(data == null ? Instant.now() : r.launchTime)
        .passwordData(data == null ? "" : data)
        .build();
  }

  /** A PNG of the screen that shows the end of the console output, of a running instance. */
  public GetConsoleScreenshotResponse getConsoleScreenshot(
      RequestContext ctx, GetConsoleScreenshotRequest req) {
    InstanceRecord r = running(ctx, req.instanceId(), "screenshotted");
    String machine = r.machineId();
    String console = machine == null ? "" : lifecycle.backend().consoleOutput(machine);
    return GetConsoleScreenshotResponse.builder()
        .instanceId(r.id)
        .imageData(Base64.getEncoder().encodeToString(ConsoleScreenshot.png(console)))
        .build();
  }

  /**
   * The NMI a running instance gets: its kernel (the engine host's, shared) is not panicked, but
   * the line a kernel logs for such an interrupt appears in the instance's console output.
   */
  public SendDiagnosticInterruptResponse sendDiagnosticInterrupt(
      RequestContext ctx, SendDiagnosticInterruptRequest req) {
    InstanceRecord r = running(ctx, req.instanceId(), "interrupted");
    String machine = r.machineId();
    if (machine != null) {
      lifecycle.backend().writeConsole(machine, NMI_LINE);
    }
    return SendDiagnosticInterruptResponse.builder().build();
  }

  /** Feedback AWS keeps to itself: checked, then recorded nowhere a call could read it. */
  public ReportInstanceStatusResponse reportInstanceStatus(
      RequestContext ctx, ReportInstanceStatusRequest req) {
    InstanceOptions.oneOf(req.statusAsString(), "Status", Set.of("ok", "impaired"));
    if (req.reasonCodesAsStrings().isEmpty()) {
      throw AwsException.missingParameter("ReasonCodes");
    }
    for (String reason : req.reasonCodesAsStrings()) {
      InstanceOptions.oneOf(reason, "ReasonCodes", REASONS);
    }
    if (req.startTime() != null
        && req.endTime() != null
        && req.endTime().isBefore(req.startTime())) {
      throw AwsException.invalidParameterValue("The end time must not be before the start time.");
    }
    if (req.description() != null && req.description().length() > 255) {
      throw AwsException.invalidParameterValue("The description must be at most 255 characters.");
    }
    Instances.requireAll(ctx, req.instances());
    return ReportInstanceStatusResponse.builder().build();
  }

  /**
   * The UEFI variable store of an instance that boots UEFI (arm64 instances: Graviton boots only
   * UEFI; x86_64 ones boot legacy BIOS here), in AWS's format: "AMZNUEFI", a CRC32, a version, and
   * the zlib-compressed variables (none are set in ec2-double's instances).
   */
  public GetInstanceUefiDataResponse getInstanceUefiData(
      RequestContext ctx, GetInstanceUefiDataRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    if (!"arm64".equals(r.architecture)) {
      throw new AwsException(
          "UnsupportedOperation",
          "The instance '" + r.id + "' does not boot in UEFI mode: it has no UEFI variable store.");
    }
    return GetInstanceUefiDataResponse.builder().instanceId(r.id).uefiData(emptyStore()).build();
  }

  /**
   * NitroTPM needs an AMI with TpmSupport v2.0 and UEFI boot; no instance here has one, so after
   * the parameters are checked this answers AWS's error for an instance without NitroTPM.
   */
  public GetInstanceTpmEkPubResponse getInstanceTpmEkPub(
      RequestContext ctx, GetInstanceTpmEkPubRequest req) {
    InstanceOptions.oneOf(req.keyTypeAsString(), "KeyType", Set.of("rsa-2048", "ecc-sec-p384"));
    InstanceOptions.oneOf(req.keyFormatAsString(), "KeyFormat", Set.of("der", "tpmt"));
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    throw new AwsException(
        "UnsupportedOperation",
        "NitroTPM is not enabled for the instance '"
            + r.id
            + "': it was not launched from an AMI with TpmSupport v2.0.");
  }

  private static InstanceRecord running(RequestContext ctx, String id, String what) {
    InstanceRecord r = Instances.require(ctx, id);
    if (r.state() != InstanceState.RUNNING) {
      throw new AwsException(
          "IncorrectInstanceState",
          "The instance '" + r.id + "' is not in the 'running' state and cannot be " + what + ".");
    }
    return r;
  }

  private static String emptyStore() {
    java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(compressed)) {
      z.write(new byte[8]); // no variables
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    byte[] body = compressed.toByteArray();
    ByteBuffer version = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0);
    CRC32 crc = new CRC32();
    crc.update(version.array());
    crc.update(body);
    ByteBuffer out = ByteBuffer.allocate(8 + 4 + 4 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put("AMZNUEFI".getBytes(StandardCharsets.US_ASCII));
    out.putInt((int) crc.getValue()).put(version.array()).put(body);
    return Base64.getEncoder().encodeToString(out.array());
  }
}
