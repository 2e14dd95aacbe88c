package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInterfacePermissionRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInterfacePermissionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInterfacePermissionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInterfacePermissionResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacePermissionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacePermissionsResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePermission;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePermissionState;

/**
 * Permissions for another account to attach an interface to its instance or associate an Elastic IP
 * with it: records (ec2-double attaches interfaces within one account only). Granted at once; one
 * per account and permission type; the interface's deletion takes them along.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkInterfacePermission.html
 */
public final class InterfacePermissions {
  record Permission(String id, String eniId, String account, String permission)
      implements java.io.Serializable {}

  private static final String P = "network-interface-permission.";

  static final ResourceKind<Permission, NetworkInterfacePermission> KIND =
      ResourceKind.<Permission, NetworkInterfacePermission>of(
              "eni-perm", "network-interface-permission")
          .errors(
              "InvalidPermissionId.NotFound",
              "networkInterfacePermission",
              "InvalidPermissionId.Malformed")
          .storedIn(VpcState::of, st -> st.interfacePermissions)
          .id(Permission::id)
          .view(InterfacePermissions::view, v -> java.util.List.of())
          .filter(
              P + "network-interface-permission-id",
              NetworkInterfacePermission::networkInterfacePermissionId)
          .filter(P + "network-interface-id", NetworkInterfacePermission::networkInterfaceId)
          .filter(P + "aws-account-id", NetworkInterfacePermission::awsAccountId)
          .filter(P + "aws-service", NetworkInterfacePermission::awsService)
          .filter(P + "permission", NetworkInterfacePermission::permissionAsString)
          .build();

  private static NetworkInterfacePermission view(RequestContext ctx, Permission p) {
    return NetworkInterfacePermission.builder()
        .networkInterfacePermissionId(p.id())
        .networkInterfaceId(p.eniId())
        .awsAccountId(p.account())
        .permission(p.permission())
        .permissionState(NetworkInterfacePermissionState.builder().state("granted").build())
        .build();
  }

  public CreateNetworkInterfacePermissionResponse createNetworkInterfacePermission(
      RequestContext ctx, CreateNetworkInterfacePermissionRequest req) {
    if (req.networkInterfaceId() == null) {
      throw AwsException.missingParameter("NetworkInterfaceId");
    }
    String permission = req.permissionAsString();
    if (permission == null) {
      throw AwsException.missingParameter("Permission");
    }
    if (!permission.equals("INSTANCE-ATTACH") && !permission.equals("EIP-ASSOCIATE")) {
      throw AwsException.invalidParameterValue(
          "Value (" + permission + ") for parameter permission is invalid.");
    }
    if (req.awsService() != null) {
      throw AwsException.invalidParameterValue("AwsService is not supported.");
    }
    String account = req.awsAccountId();
    if (account == null) {
      throw AwsException.missingParameter("AwsAccountId");
    }
    if (!account.matches("[0-9]{12}")) {
      throw AwsException.invalidParameterValue(
          "Value (" + account + ") for parameter awsAccountId is invalid.");
    }
    VpcState st = VpcState.of(ctx.state());
    Permission made =
        KIND.create(
            ctx,
            java.util.List.of(),
            id -> {
              String eni = st.networkInterface(req.networkInterfaceId()).id;
              boolean dup =
                  st.interfacePermissions.values().stream()
                      .anyMatch(
                          p ->
                              p.eniId().equals(eni)
                                  && p.account().equals(account)
                                  && p.permission().equals(permission));
              if (dup) {
                throw new AwsException(
                    "InvalidPermission.Duplicate",
                    "The permission " + permission + " for account " + account + " exists.");
              }
              return new Permission(id, eni, account, permission);
            });
    return CreateNetworkInterfacePermissionResponse.builder()
        .interfacePermission(KIND.view(ctx, made))
        .build();
  }

  public DescribeNetworkInterfacePermissionsResponse describeNetworkInterfacePermissions(
      RequestContext ctx, DescribeNetworkInterfacePermissionsRequest req) {
    var page =
        KIND.describe(
            ctx,
            req.networkInterfacePermissionIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeNetworkInterfacePermissionsResponse.builder()
        .networkInterfacePermissions(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DeleteNetworkInterfacePermissionResponse deleteNetworkInterfacePermission(
      RequestContext ctx, DeleteNetworkInterfacePermissionRequest req) {
    if (req.networkInterfacePermissionId() == null) {
      throw AwsException.missingParameter("NetworkInterfacePermissionId");
    }
    KIND.delete(ctx, req.networkInterfacePermissionId());
    return DeleteNetworkInterfacePermissionResponse.builder().returnValue(true).build();
  }
}
