package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;

/**
 * Managed prefix lists as a resource kind, with the filters of
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeManagedPrefixLists.html
 * (MaxResults 1-100). Every region has AWS's lists for S3 and DynamoDB (their gateway endpoints'
 * destinations), with ids fixed per region.
 */
final class PrefixLists {
  private PrefixLists() {}

  static final ResourceKind<PrefixListRecord, ManagedPrefixList> KIND =
      ResourceKind.<PrefixListRecord, ManagedPrefixList>of("pl", "prefix-list")
          .errors("InvalidPrefixListID.NotFound", "prefixList", "InvalidPrefixListId.Malformed")
          .storedIn(PrefixLists::withAwsLists, st -> st.prefixLists)
          .id(p -> p.id)
          .view(PrefixLists::view, ManagedPrefixList::tags)
          .filter("owner-id", ManagedPrefixList::ownerId)
          .filter("prefix-list-id", ManagedPrefixList::prefixListId)
          .filter("prefix-list-name", ManagedPrefixList::prefixListName)
          .inUseWhen((region, p) -> !users(VpcState.of(region), p.id).isEmpty())
          .build();

  /** The services with an AWS-managed list, and example blocks of theirs. */
  static final Map<String, List<String>> AWS_LISTS =
      Map.of(
          "s3", List.of("3.5.0.0/19", "16.15.192.0/18", "52.216.0.0/15", "54.231.0.0/16"),
          "dynamodb", List.of("3.218.182.0/24", "3.218.180.0/23", "52.94.0.0/22"));

  /** The region's VPC state, with AWS's lists made the first time they are needed. */
  static VpcState withAwsLists(RegionState region) {
    VpcState st = VpcState.of(region);
    addAwsLists(st);
    return st;
  }

  /** Whether a list with this id exists (AWS's own always do). */
  static boolean exists(VpcState st, String id) {
    addAwsLists(st);
    synchronized (st) {
      return st.prefixLists.containsKey(id);
    }
  }

  private static void addAwsLists(VpcState st) {
    synchronized (st) {
      if (st.prefixLists.isEmpty()) {
        for (String service : List.of("s3", "dynamodb")) {
          String name = "com.amazonaws." + st.region + "." + service;
          PrefixListRecord p =
              new PrefixListRecord(
                  awsId(name),
                  "AWS",
                  name,
                  "IPv4",
                  null,
                  AWS_LISTS.get(service).stream()
                      .map(c -> new PrefixListRecord.Entry(c, null))
                      .toList());
          st.prefixLists.put(p.id, p);
        }
      }
    }
  }

  /**
   * What uses a list: the route tables with a route to it and the security groups with a rule
   * naming it (GetManagedPrefixListAssociations; DeleteManagedPrefixList's DependencyViolation).
   * Read under the VPC state's lock.
   */
  static List<String> users(VpcState st, String id) {
    List<String> out = new java.util.ArrayList<>();
    for (RouteTableRecord t : st.routeTables.values()) {
      if (t.routes.stream().anyMatch(r -> id.equals(r.destination()))) {
        out.add(t.id);
      }
    }
    for (SecurityGroupRecord g : st.groups.values()) {
      if (g.rules.stream().anyMatch(r -> id.equals(r.prefixListId()))) {
        out.add(g.id);
      }
    }
    return out;
  }

  /** The id AWS's list of a name has: the same in every account of the region. */
  static String awsId(String name) {
    return "pl-" + String.format("%08x", name.hashCode());
  }

  /** The AWS-managed list of a service in the region (its gateway endpoint's destination). */
  static PrefixListRecord aws(RegionState region, String serviceName) {
    VpcState st = withAwsLists(region);
    synchronized (st) {
      return st.prefixLists.get(awsId(serviceName));
    }
  }

  private static ManagedPrefixList view(RequestContext ctx, PrefixListRecord p) {
    String owner = p.awsManaged() ? "AWS" : ctx.account();
    return ManagedPrefixList.builder()
        .prefixListId(p.id)
        .prefixListName(p.name)
        .addressFamily(p.addressFamily)
        .state("create-complete")
        .maxEntries(p.maxEntries)
        .version(p.awsManaged() ? null : p.version)
        .ownerId(owner)
        .prefixListArn(
            "arn:aws:ec2:"
                + ctx.region()
                + ":"
                + (p.awsManaged() ? "aws" : ctx.account())
                + ":prefix-list/"
                + p.id)
        .tags(ctx.tags().sdkTags(p.id))
        .build();
  }
}
