package dev.ec2double.ec2.enclaves;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.AssociateEnclaveCertificateIamRoleRequest;
import software.amazon.awssdk.services.ec2.model.AssociateEnclaveCertificateIamRoleResponse;
import software.amazon.awssdk.services.ec2.model.AssociatedRole;
import software.amazon.awssdk.services.ec2.model.DisassociateEnclaveCertificateIamRoleRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateEnclaveCertificateIamRoleResponse;
import software.amazon.awssdk.services.ec2.model.GetAssociatedEnclaveCertificateIamRolesRequest;
import software.amazon.awssdk.services.ec2.model.GetAssociatedEnclaveCertificateIamRolesResponse;

/**
 * ACM for Nitro Enclaves: which IAM roles may read an ACM certificate's bundle. A record: no
 * enclave runs and nothing is put in S3, but each association names the bucket, object key ({@code
 * role_arn/certificate_arn}) and KMS key AWS names, and the calls check their ARNs as AWS does.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateEnclaveCertificateIamRole.html
 */
public final class EnclaveCertificatesService {
  private static final Pattern CERTIFICATE =
      Pattern.compile("arn:aws[a-z-]*:acm:([a-z0-9-]+):(\\d{12}):certificate/[0-9a-f-]{36}");
  private static final Pattern ROLE =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  /** The associated roles, by certificate ARN then role ARN, of one account in one region. */
  static final class Associations implements java.io.Serializable {
    final Map<String, Map<String, AssociatedRole>> byCertificate = new LinkedHashMap<>();

    static Associations of(RegionState state) {
      return state.part(Associations.class, Associations::new);
    }
  }

  public AssociateEnclaveCertificateIamRoleResponse associateEnclaveCertificateIamRole(
      RequestContext ctx, AssociateEnclaveCertificateIamRoleRequest req) {
    String certificate = certificate(ctx, req.certificateArn());
    String role = role(req.roleArn());
    AssociatedRole association =
        AssociatedRole.builder()
            .associatedRoleArn(role)
            .certificateS3BucketName("aws-ec2-enclave-certificate-" + ctx.region())
            .certificateS3ObjectKey(role + "/" + certificate)
            .encryptionKmsKeyId(kmsKey(ctx))
            .build();
    Associations st = Associations.of(ctx.state());
    synchronized (st) {
      st.byCertificate
          .computeIfAbsent(certificate, c -> new LinkedHashMap<>())
          .put(role, association);
    }
    ctx.state().changed();
    return AssociateEnclaveCertificateIamRoleResponse.builder()
        .certificateS3BucketName(association.certificateS3BucketName())
        .certificateS3ObjectKey(association.certificateS3ObjectKey())
        .encryptionKmsKeyId(association.encryptionKmsKeyId())
        .build();
  }

  public DisassociateEnclaveCertificateIamRoleResponse disassociateEnclaveCertificateIamRole(
      RequestContext ctx, DisassociateEnclaveCertificateIamRoleRequest req) {
    String certificate = certificate(ctx, req.certificateArn());
    String role = role(req.roleArn());
    Associations st = Associations.of(ctx.state());
    synchronized (st) {
      Map<String, AssociatedRole> roles = st.byCertificate.get(certificate);
      if (roles == null || roles.remove(role) == null) {
        throw AwsException.invalidParameterValue(
            "The role " + role + " is not associated with the certificate " + certificate + ".");
      }
      if (roles.isEmpty()) {
        st.byCertificate.remove(certificate);
      }
    }
    ctx.state().changed();
    return DisassociateEnclaveCertificateIamRoleResponse.builder().returnValue(true).build();
  }

  public GetAssociatedEnclaveCertificateIamRolesResponse getAssociatedEnclaveCertificateIamRoles(
      RequestContext ctx, GetAssociatedEnclaveCertificateIamRolesRequest req) {
    String certificate = certificate(ctx, req.certificateArn());
    Associations st = Associations.of(ctx.state());
    List<AssociatedRole> roles;
    synchronized (st) {
      roles = List.copyOf(st.byCertificate.getOrDefault(certificate, Map.of()).values());
    }
    return GetAssociatedEnclaveCertificateIamRolesResponse.builder().associatedRoles(roles).build();
  }

  /** An ACM certificate ARN of the caller's region. */
  private static String certificate(RequestContext ctx, String arn) {
    if (arn == null) {
      throw AwsException.missingParameter("CertificateArn");
    }
    Matcher m = CERTIFICATE.matcher(arn);
    if (!m.matches()) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + arn
              + ") for parameter CertificateArn is invalid. Expected an ACM"
              + " certificate ARN.");
    }
    if (!m.group(1).equals(ctx.region())) {
      throw AwsException.invalidParameterValue(
          "The certificate " + arn + " is not in the region " + ctx.region() + ".");
    }
    return arn;
  }

  private static String role(String arn) {
    if (arn == null) {
      throw AwsException.missingParameter("RoleArn");
    }
    if (!ROLE.matcher(arn).matches()) {
      throw AwsException.invalidParameterValue(
          "Value (" + arn + ") for parameter RoleArn is invalid. Expected an IAM role ARN.");
    }
    return arn;
  }

  /** The AWS managed key that encrypts the private keys, one per account and region. */
  private static String kmsKey(RequestContext ctx) {
    UUID id =
        UUID.nameUUIDFromBytes(
            ("enclave-certificates " + ctx.account() + " " + ctx.region())
                .getBytes(StandardCharsets.UTF_8));
    return "arn:aws:kms:" + ctx.region() + ":" + ctx.account() + ":key/" + id;
  }
}
