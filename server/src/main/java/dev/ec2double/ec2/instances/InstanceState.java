package dev.ec2double.ec2.instances;

import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/** AWS's instance states and their codes (the low byte of the state code). */
public enum InstanceState {
  PENDING(0, InstanceStateName.PENDING),
  RUNNING(16, InstanceStateName.RUNNING),
  SHUTTING_DOWN(32, InstanceStateName.SHUTTING_DOWN),
  TERMINATED(48, InstanceStateName.TERMINATED),
  STOPPING(64, InstanceStateName.STOPPING),
  STOPPED(80, InstanceStateName.STOPPED);

  private final int code;
  private final InstanceStateName sdkName;

  InstanceState(int code, InstanceStateName sdkName) {
    this.code = code;
    this.sdkName = sdkName;
  }

  public int code() {
    return code;
  }

  public String awsName() {
    return sdkName.toString();
  }

  public software.amazon.awssdk.services.ec2.model.InstanceState toSdk() {
    return software.amazon.awssdk.services.ec2.model.InstanceState.builder()
        .code(code)
        .name(sdkName)
        .build();
  }
}
