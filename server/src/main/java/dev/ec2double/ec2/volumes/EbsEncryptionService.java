package dev.ec2double.ec2.volumes;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.DisableEbsEncryptionByDefaultRequest;
import software.amazon.awssdk.services.ec2.model.DisableEbsEncryptionByDefaultResponse;
import software.amazon.awssdk.services.ec2.model.EnableEbsEncryptionByDefaultRequest;
import software.amazon.awssdk.services.ec2.model.EnableEbsEncryptionByDefaultResponse;
import software.amazon.awssdk.services.ec2.model.GetEbsDefaultKmsKeyIdRequest;
import software.amazon.awssdk.services.ec2.model.GetEbsDefaultKmsKeyIdResponse;
import software.amazon.awssdk.services.ec2.model.GetEbsEncryptionByDefaultRequest;
import software.amazon.awssdk.services.ec2.model.GetEbsEncryptionByDefaultResponse;
import software.amazon.awssdk.services.ec2.model.ModifyEbsDefaultKmsKeyIdRequest;
import software.amazon.awssdk.services.ec2.model.ModifyEbsDefaultKmsKeyIdResponse;
import software.amazon.awssdk.services.ec2.model.ResetEbsDefaultKmsKeyIdRequest;
import software.amazon.awssdk.services.ec2.model.ResetEbsDefaultKmsKeyIdResponse;

/** Enable/Disable/GetEbsEncryptionByDefault and the default KMS key ({@link EbsEncryption}). */
public final class EbsEncryptionService {

  public GetEbsEncryptionByDefaultResponse getEbsEncryptionByDefault(
      RequestContext ctx, GetEbsEncryptionByDefaultRequest req) {
    EbsEncryption e = EbsEncryption.of(ctx.state());
    synchronized (e) {
      return GetEbsEncryptionByDefaultResponse.builder()
          .ebsEncryptionByDefault(e.byDefault)
          .sseType("sse-ebs")
          .build();
    }
  }

  public EnableEbsEncryptionByDefaultResponse enableEbsEncryptionByDefault(
      RequestContext ctx, EnableEbsEncryptionByDefaultRequest req) {
    set(ctx, true);
    return EnableEbsEncryptionByDefaultResponse.builder().ebsEncryptionByDefault(true).build();
  }

  public DisableEbsEncryptionByDefaultResponse disableEbsEncryptionByDefault(
      RequestContext ctx, DisableEbsEncryptionByDefaultRequest req) {
    set(ctx, false);
    return DisableEbsEncryptionByDefaultResponse.builder().ebsEncryptionByDefault(false).build();
  }

  private static void set(RequestContext ctx, boolean on) {
    EbsEncryption e = EbsEncryption.of(ctx.state());
    synchronized (e) {
      e.byDefault = on;
    }
    ctx.state().changed();
  }

  public GetEbsDefaultKmsKeyIdResponse getEbsDefaultKmsKeyId(
      RequestContext ctx, GetEbsDefaultKmsKeyIdRequest req) {
    return GetEbsDefaultKmsKeyIdResponse.builder()
        .kmsKeyId(EbsEncryption.of(ctx.state()).defaultKey(ctx))
        .build();
  }

  public ModifyEbsDefaultKmsKeyIdResponse modifyEbsDefaultKmsKeyId(
      RequestContext ctx, ModifyEbsDefaultKmsKeyIdRequest req) {
    if (req.kmsKeyId() == null) {
      throw AwsException.missingParameter("KmsKeyId");
    }
    String arn = EbsEncryption.keyArn(ctx, req.kmsKeyId());
    EbsEncryption e = EbsEncryption.of(ctx.state());
    synchronized (e) {
      e.kmsKeyArn = arn;
    }
    ctx.state().changed();
    return ModifyEbsDefaultKmsKeyIdResponse.builder().kmsKeyId(arn).build();
  }

  public ResetEbsDefaultKmsKeyIdResponse resetEbsDefaultKmsKeyId(
      RequestContext ctx, ResetEbsDefaultKmsKeyIdRequest req) {
    EbsEncryption e = EbsEncryption.of(ctx.state());
    synchronized (e) {
      e.kmsKeyArn = null;
    }
    ctx.state().changed();
    return ResetEbsDefaultKmsKeyIdResponse.builder()
        .kmsKeyId(EbsEncryption.managedKey(ctx))
        .build();
  }
}
