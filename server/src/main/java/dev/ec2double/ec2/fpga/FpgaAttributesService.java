package dev.ec2double.ec2.fpga;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.DescribeFpgaImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFpgaImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.FpgaImageAttribute;
import software.amazon.awssdk.services.ec2.model.LoadPermission;
import software.amazon.awssdk.services.ec2.model.LoadPermissionRequest;
import software.amazon.awssdk.services.ec2.model.ModifyFpgaImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyFpgaImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ResetFpgaImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetFpgaImageAttributeResponse;

/**
 * The attributes of an AFI its owner reads and changes: {@code description}, {@code name}, {@code
 * loadPermission} (accounts, and the group {@code all} that makes it public: the accounts named see
 * it in DescribeFpgaImages) and {@code productCodes} (added once, never changed). Reset takes
 * {@code loadPermission} only.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyFpgaImageAttribute.html
 */
public final class FpgaAttributesService {
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern PRODUCT_CODE = Pattern.compile("[a-z0-9]{1,64}");

  private final FpgaImagesService images;

  public FpgaAttributesService(FpgaImagesService images) {
    this.images = images;
  }

  public DescribeFpgaImageAttributeResponse describeFpgaImageAttribute(
      RequestContext ctx, DescribeFpgaImageAttributeRequest req) {
    String attribute = req.attributeAsString();
    if (attribute == null) {
      throw AwsException.missingParameter("Attribute");
    }
    checkName(attribute);
    images.owned(ctx, req.fpgaImageId());
    FpgaImageAttribute a =
        FpgaImages.KIND.modify(ctx, req.fpgaImageId(), r -> attribute(r, attribute));
    return DescribeFpgaImageAttributeResponse.builder().fpgaImageAttribute(a).build();
  }

  public ModifyFpgaImageAttributeResponse modifyFpgaImageAttribute(
      RequestContext ctx, ModifyFpgaImageAttributeRequest req) {
    String attribute = req.attributeAsString() != null ? req.attributeAsString() : inferred(req);
    checkName(attribute);
    List<String> add = new ArrayList<>();
    List<String> remove = new ArrayList<>();
    if (attribute.equals("loadPermission")) {
      permissions(req, add, remove);
    }
    if (attribute.equals("productCodes")) {
      if ("remove".equals(req.operationTypeAsString())) {
        throw AwsException.invalidParameterValue("Product codes cannot be removed from an AFI.");
      }
      if (req.productCodes().isEmpty()) {
        throw AwsException.missingParameter("ProductCode");
      }
      req.productCodes()
          .forEach(
              c -> {
                if (c == null || !PRODUCT_CODE.matcher(c).matches()) {
                  throw AwsException.invalidParameterValue("Invalid product code: " + c);
                }
              });
    }
    images.owned(ctx, req.fpgaImageId());
    FpgaImageAttribute a =
        FpgaImages.KIND.modify(
            ctx,
            req.fpgaImageId(),
            r -> {
              switch (attribute) {
                case "description" -> r.description = req.description();
                case "name" -> r.name = req.name();
                case "productCodes" -> {
                  if (!r.productCodes.isEmpty()) {
                    throw new AwsException(
                        "InvalidParameter",
                        "The fpga image "
                            + r.id
                            + " already has product codes; they cannot be changed.");
                  }
                  r.productCodes.addAll(req.productCodes());
                }
                default -> {
                  for (String p : add) {
                    if (p.equals("all")) {
                      r.isPublic = true;
                    } else {
                      r.loadUsers.add(p);
                    }
                  }
                  for (String p : remove) {
                    if (p.equals("all")) {
                      r.isPublic = false;
                    } else {
                      r.loadUsers.remove(p);
                    }
                  }
                }
              }
              r.touch();
              return attribute(r, attribute);
            });
    ctx.state().changed();
    return ModifyFpgaImageAttributeResponse.builder().fpgaImageAttribute(a).build();
  }

  public ResetFpgaImageAttributeResponse resetFpgaImageAttribute(
      RequestContext ctx, ResetFpgaImageAttributeRequest req) {
    String attribute = req.attributeAsString() != null ? req.attributeAsString() : "loadPermission";
    if (!attribute.equals("loadPermission")) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + attribute
              + ") for parameter Attribute is invalid: only loadPermission resets.");
    }
    images.owned(ctx, req.fpgaImageId());
    FpgaImages.KIND.modify(
        ctx,
        req.fpgaImageId(),
        r -> {
          r.loadUsers.clear();
          r.isPublic = false;
          r.touch();
          return null;
        });
    ctx.state().changed();
    return ResetFpgaImageAttributeResponse.builder().returnValue(true).build();
  }

  private static void checkName(String attribute) {
    if (!List.of("description", "name", "loadPermission", "productCodes").contains(attribute)) {
      throw AwsException.invalidParameterValue(
          "Value (" + attribute + ") for parameter Attribute is invalid.");
    }
  }

  /** The attribute a request without {@code Attribute} changes, from what it carries. */
  private static String inferred(ModifyFpgaImageAttributeRequest req) {
    if (req.loadPermission() != null || !req.userIds().isEmpty() || !req.userGroups().isEmpty()) {
      return "loadPermission";
    }
    if (!req.productCodes().isEmpty()) {
      return "productCodes";
    }
    if (req.description() != null) {
      return "description";
    }
    if (req.name() != null) {
      return "name";
    }
    throw AwsException.missingParameter("Attribute");
  }

  /** The accounts (and the group {@code all}) a loadPermission change adds and removes. */
  private static void permissions(
      ModifyFpgaImageAttributeRequest req, List<String> add, List<String> remove) {
    if (req.loadPermission() != null) {
      req.loadPermission().add().forEach(p -> add.add(grantee(p)));
      req.loadPermission().remove().forEach(p -> remove.add(grantee(p)));
    }
    List<String> named = new ArrayList<>(req.userIds());
    for (String g : req.userGroups()) {
      named.add(group(g));
    }
    named.forEach(FpgaAttributesService::account);
    if (!named.isEmpty()) {
      String op = req.operationTypeAsString();
      if (op == null) {
        throw AwsException.missingParameter("OperationType");
      }
      if (op.equals("add")) {
        add.addAll(named);
      } else if (op.equals("remove")) {
        remove.addAll(named);
      } else {
        throw AwsException.invalidParameterValue(
            "Value (" + op + ") for parameter OperationType is invalid.");
      }
    }
    if (add.isEmpty() && remove.isEmpty()) {
      throw AwsException.missingParameter("LoadPermission");
    }
  }

  private static String grantee(LoadPermissionRequest p) {
    if (p.groupAsString() != null) {
      return group(p.groupAsString());
    }
    if (p.userId() == null) {
      throw AwsException.missingParameter("LoadPermission.UserId");
    }
    account(p.userId());
    return p.userId();
  }

  private static String group(String g) {
    if (!g.equals("all")) {
      throw AwsException.invalidParameterValue(
          "Value (" + g + ") for parameter Group is invalid: the only group is 'all'.");
    }
    return "all";
  }

  /** An account a load permission names: a 12-digit id (or the group already checked). */
  private static void account(String id) {
    if (!id.equals("all") && !ACCOUNT.matcher(id).matches()) {
      throw AwsException.invalidParameterValue(
          "Invalid user id: " + id + " (expecting a 12-digit account id)");
    }
  }

  private static FpgaImageAttribute attribute(FpgaImageRecord r, String attribute) {
    FpgaImageAttribute.Builder b = FpgaImageAttribute.builder().fpgaImageId(r.id);
    switch (attribute) {
      case "description" -> b.description(r.description);
      case "name" -> b.name(r.name);
      case "productCodes" -> b.productCodes(FpgaImages.productCodes(r));
      default -> {
        List<LoadPermission> perms = new ArrayList<>();
        if (r.isPublic) {
          perms.add(LoadPermission.builder().group("all").build());
        }
        r.loadUsers.forEach(u -> perms.add(LoadPermission.builder().userId(u).build()));
        b.loadPermissions(perms);
      }
    }
    return b.build();
  }
}
