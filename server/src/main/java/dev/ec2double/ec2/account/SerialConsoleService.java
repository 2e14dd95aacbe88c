package dev.ec2double.ec2.account;

import dev.ec2double.core.RequestContext;
import software.amazon.awssdk.services.ec2.model.DisableSerialConsoleAccessRequest;
import software.amazon.awssdk.services.ec2.model.DisableSerialConsoleAccessResponse;
import software.amazon.awssdk.services.ec2.model.EnableSerialConsoleAccessRequest;
import software.amazon.awssdk.services.ec2.model.EnableSerialConsoleAccessResponse;
import software.amazon.awssdk.services.ec2.model.GetSerialConsoleAccessStatusRequest;
import software.amazon.awssdk.services.ec2.model.GetSerialConsoleAccessStatusResponse;

/**
 * The account's EC2 serial console access in a region (disabled at first, as on AWS): a record;
 * ec2-double has no serial console to connect to (EC2 Instance Connect's
 * SendSerialConsoleSSHPublicKey is another service).
 */
public final class SerialConsoleService {
  public GetSerialConsoleAccessStatusResponse getSerialConsoleAccessStatus(
      RequestContext ctx, GetSerialConsoleAccessStatusRequest req) {
    AccountSettings s = AccountSettings.of(ctx.state());
    synchronized (s) {
      return GetSerialConsoleAccessStatusResponse.builder()
          .serialConsoleAccessEnabled(s.serialConsole)
          .managedBy("account")
          .build();
    }
  }

  public EnableSerialConsoleAccessResponse enableSerialConsoleAccess(
      RequestContext ctx, EnableSerialConsoleAccessRequest req) {
    set(ctx, true);
    return EnableSerialConsoleAccessResponse.builder().serialConsoleAccessEnabled(true).build();
  }

  public DisableSerialConsoleAccessResponse disableSerialConsoleAccess(
      RequestContext ctx, DisableSerialConsoleAccessRequest req) {
    set(ctx, false);
    return DisableSerialConsoleAccessResponse.builder().serialConsoleAccessEnabled(false).build();
  }

  private static void set(RequestContext ctx, boolean enabled) {
    AccountSettings s = AccountSettings.of(ctx.state());
    synchronized (s) {
      s.serialConsole = enabled;
    }
    ctx.state().changed();
  }
}
