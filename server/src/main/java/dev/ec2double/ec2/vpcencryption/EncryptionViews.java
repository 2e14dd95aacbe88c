package dev.ec2double.ec2.vpcencryption;

import dev.ec2double.core.RequestContext;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.AccountVpcEncryptionControl;
import software.amazon.awssdk.services.ec2.model.AccountVpcEncryptionControlExclusions;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControl;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControlExclusion;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControlExclusions;

/** How a control and the account's setting look to a client. */
final class EncryptionViews {
  private EncryptionViews() {}

  /**
   * Fills every member of an exclusions structure (their names are the kinds' stems, as {@link
   * EncryptionState#STEMS} lists them) with the value for its kind.
   */
  private static <B extends SdkPojo> B fill(B builder, Function<String, Object> valueOfKind) {
    for (SdkField<?> f : builder.sdkFields()) {
      f.set(builder, valueOfKind.apply(EncryptionState.kindOf(f.memberName())));
    }
    return builder;
  }

  private static String state(Set<String> excluded, String kind) {
    return excluded.contains(kind) ? "enabled" : "disabled";
  }

  static VpcEncryptionControl control(RequestContext ctx, EncryptionState.Control c) {
    var exclusions =
        fill(
            VpcEncryptionControlExclusions.builder(),
            kind -> VpcEncryptionControlExclusion.builder().state(state(c.excluded, kind)).build());
    return VpcEncryptionControl.builder()
        .vpcEncryptionControlId(c.id)
        .vpcId(c.vpcId)
        .mode(c.mode)
        .state(c.state)
        .stateMessage(c.stateMessage)
        .resourceExclusions(exclusions.build())
        .tags(ctx.tags().sdkTags(c.id))
        .build();
  }

  static AccountVpcEncryptionControl account(EncryptionState st, String state) {
    var exclusions =
        fill(
            AccountVpcEncryptionControlExclusions.builder(),
            kind -> state(st.accountExcluded, kind));
    return AccountVpcEncryptionControl.builder()
        .state(state)
        .mode(st.accountMode)
        .managedBy("account")
        .lastUpdateTimestamp(st.accountUpdated)
        .exclusions(exclusions.build())
        .build();
  }
}
