package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.model.AddPrefixListEntry;
import software.amazon.awssdk.services.ec2.model.CreateManagedPrefixListRequest;
import software.amazon.awssdk.services.ec2.model.CreateManagedPrefixListResponse;
import software.amazon.awssdk.services.ec2.model.DeleteManagedPrefixListRequest;
import software.amazon.awssdk.services.ec2.model.DeleteManagedPrefixListResponse;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.DescribePrefixListsRequest;
import software.amazon.awssdk.services.ec2.model.DescribePrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListEntriesRequest;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListEntriesResponse;
import software.amazon.awssdk.services.ec2.model.ModifyManagedPrefixListRequest;
import software.amazon.awssdk.services.ec2.model.ModifyManagedPrefixListResponse;
import software.amazon.awssdk.services.ec2.model.PrefixList;
import software.amazon.awssdk.services.ec2.model.PrefixListAssociation;
import software.amazon.awssdk.services.ec2.model.PrefixListEntry;
import software.amazon.awssdk.services.ec2.model.RemovePrefixListEntry;
import software.amazon.awssdk.services.ec2.model.RestoreManagedPrefixListVersionRequest;
import software.amazon.awssdk.services.ec2.model.RestoreManagedPrefixListVersionResponse;

/**
 * Managed prefix lists (records): create, modify entries and name with versions, restore a version,
 * delete unless a route or a security group rule uses it, read entries and associations;
 * DescribePrefixLists shows AWS's lists. Routes may use a list as their destination, and security
 * group rules as their peer (enforced for its current entries); ACL rules do not take lists.
 */
public final class PrefixListsService {
  private final Consumer<RegionState> rulesChanged;

  public PrefixListsService() {
    this(region -> {});
  }

  /**
   * @param rulesChanged told after a list's entries change, as security group rules naming it stand
   *     for its current entries on the host's packet filter
   */
  public PrefixListsService(Consumer<RegionState> rulesChanged) {
    this.rulesChanged = rulesChanged;
  }

  public CreateManagedPrefixListResponse createManagedPrefixList(
      RequestContext ctx, CreateManagedPrefixListRequest req) {
    var tags = PrefixLists.KIND.tags(req.tagSpecifications());
    String name = required(req.prefixListName(), "PrefixListName");
    if (name.startsWith("com.amazonaws")) {
      throw AwsException.invalidParameterValue(
          "The prefix list name cannot start with com.amazonaws");
    }
    if (req.maxEntries() == null) {
      throw AwsException.missingParameter("MaxEntries");
    }
    if (req.maxEntries() < 1 || req.maxEntries() > 1000) {
      throw AwsException.invalidParameterValue(
          "The maximum number of entries must be between 1 and 1000");
    }
    String family = required(req.addressFamily(), "AddressFamily");
    if (!family.equals("IPv4") && !family.equals("IPv6")) {
      throw AwsException.invalidParameterValue(
          "Value (" + family + ") for parameter addressFamily is invalid. Use IPv4 or IPv6.");
    }
    List<PrefixListRecord.Entry> entries = new ArrayList<>();
    for (AddPrefixListEntry e : req.entries()) {
      entries.add(entry(family, e.cidr(), e.description()));
    }
    checkEntries(entries, req.maxEntries());
    PrefixListRecord p =
        PrefixLists.KIND.create(
            ctx,
            tags,
            id -> new PrefixListRecord(id, ctx.account(), name, family, req.maxEntries(), entries));
    return CreateManagedPrefixListResponse.builder()
        .prefixList(PrefixLists.KIND.view(ctx, p))
        .build();
  }

  private static String required(String value, String name) {
    if (value == null) {
      throw AwsException.missingParameter(name);
    }
    return value;
  }

  private static PrefixListRecord.Entry entry(String family, String cidr, String description) {
    String normal = null;
    if (cidr != null && family.equals("IPv4")) {
      Cidr c = Cidr.parseOrNull(cidr);
      normal = c == null ? null : c.toString();
    } else if (cidr != null && cidr.contains(":") && cidr.contains("/")) {
      normal = cidr.toLowerCase(java.util.Locale.ROOT);
    }
    if (normal == null) {
      throw AwsException.invalidParameterValue(
          "Invalid CIDR " + cidr + " for a prefix list of address family " + family);
    }
    return new PrefixListRecord.Entry(normal, description);
  }

  private static void checkEntries(List<PrefixListRecord.Entry> entries, int max) {
    if (entries.size() > max) {
      throw AwsException.invalidParameterValue(
          "The prefix list has " + entries.size() + " entries, more than its maximum of " + max);
    }
    if (entries.stream().map(PrefixListRecord.Entry::cidr).distinct().count() != entries.size()) {
      throw AwsException.invalidParameterValue("The prefix list has duplicate CIDRs");
    }
  }

  public DescribeManagedPrefixListsResponse describeManagedPrefixLists(
      RequestContext ctx, DescribeManagedPrefixListsRequest req) {
    var page =
        PrefixLists.KIND.describe(
            ctx, req.prefixListIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeManagedPrefixListsResponse.builder()
        .prefixLists(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The older call: AWS's lists only, with their CIDRs. */
  public DescribePrefixListsResponse describePrefixLists(
      RequestContext ctx, DescribePrefixListsRequest req) {
    List<String> ids = req.prefixListIds();
    var lists =
        PrefixLists.KIND.select(
            ctx, p -> p.awsManaged() && (ids.isEmpty() || ids.contains(p.id)), req.filters());
    VpcState st = PrefixLists.withAwsLists(ctx.state());
    List<PrefixList> out = new ArrayList<>();
    synchronized (st) {
      for (var l : lists) {
        out.add(
            PrefixList.builder()
                .prefixListId(l.prefixListId())
                .prefixListName(l.prefixListName())
                .cidrs(
                    st.prefixLists.get(l.prefixListId()).entries().stream()
                        .map(PrefixListRecord.Entry::cidr)
                        .toList())
                .build());
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribePrefixListsResponse.builder()
        .prefixLists(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetManagedPrefixListEntriesResponse getManagedPrefixListEntries(
      RequestContext ctx, GetManagedPrefixListEntriesRequest req) {
    List<PrefixListEntry> entries =
        PrefixLists.KIND.modify(
            ctx,
            required(req.prefixListId(), "PrefixListId"),
            p -> {
              long v = req.targetVersion() == null ? p.version : req.targetVersion();
              List<PrefixListRecord.Entry> at = p.versions.get(v);
              if (at == null) {
                throw AwsException.invalidParameterValue(
                    "The prefix list " + p.id + " has no version " + v);
              }
              return at.stream()
                  .map(
                      e ->
                          PrefixListEntry.builder()
                              .cidr(e.cidr())
                              .description(e.description())
                              .build())
                  .toList();
            });
    var page = Pages.page(ctx.action(), entries, req.maxResults(), req.nextToken());
    return GetManagedPrefixListEntriesResponse.builder()
        .entries(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The route tables whose routes use the list and the security groups whose rules name it. */
  public GetManagedPrefixListAssociationsResponse getManagedPrefixListAssociations(
      RequestContext ctx, GetManagedPrefixListAssociationsRequest req) {
    String id = required(req.prefixListId(), "PrefixListId");
    List<PrefixListAssociation> out = new ArrayList<>();
    PrefixLists.KIND.modify(
        ctx,
        id,
        p -> {
          for (String user : PrefixLists.users(VpcState.of(ctx.state()), id)) {
            out.add(
                PrefixListAssociation.builder()
                    .resourceId(user)
                    .resourceOwner(ctx.account())
                    .build());
          }
          return p;
        });
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return GetManagedPrefixListAssociationsResponse.builder()
        .prefixListAssociations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyManagedPrefixListResponse modifyManagedPrefixList(
      RequestContext ctx, ModifyManagedPrefixListRequest req) {
    PrefixListRecord p =
        PrefixLists.KIND.modify(
            ctx,
            required(req.prefixListId(), "PrefixListId"),
            r -> {
              ownOnly(r);
              boolean entriesChange = !req.addEntries().isEmpty() || !req.removeEntries().isEmpty();
              if (entriesChange
                  && req.currentVersion() != null
                  && req.currentVersion() != r.version) {
                throw new AwsException(
                    "PrefixListVersionMismatch",
                    "The prefix list "
                        + r.id
                        + " has version "
                        + r.version
                        + ", not "
                        + req.currentVersion());
              }
              Map<String, PrefixListRecord.Entry> next = new LinkedHashMap<>();
              r.entries().forEach(e -> next.put(e.cidr(), e));
              for (RemovePrefixListEntry e : req.removeEntries()) {
                PrefixListRecord.Entry gone = entry(r.addressFamily, e.cidr(), null);
                if (next.remove(gone.cidr()) == null) {
                  throw AwsException.invalidParameterValue(
                      "The prefix list " + r.id + " has no entry " + e.cidr());
                }
              }
              for (AddPrefixListEntry e : req.addEntries()) {
                PrefixListRecord.Entry added = entry(r.addressFamily, e.cidr(), e.description());
                next.put(added.cidr(), added);
              }
              int max = req.maxEntries() == null ? r.maxEntries : req.maxEntries();
              if (req.maxEntries() != null && entriesChange) {
                throw AwsException.invalidParameterCombination(
                    "MaxEntries cannot be changed together with the entries");
              }
              checkEntries(new ArrayList<>(next.values()), max);
              if (req.prefixListName() != null) {
                r.name = req.prefixListName();
              }
              r.maxEntries = max;
              if (entriesChange) {
                r.version++;
                r.versions.put(r.version, new ArrayList<>(next.values()));
              }
              return r;
            });
    rulesChanged.accept(ctx.state());
    return ModifyManagedPrefixListResponse.builder()
        .prefixList(PrefixLists.KIND.view(ctx, p))
        .build();
  }

  public RestoreManagedPrefixListVersionResponse restoreManagedPrefixListVersion(
      RequestContext ctx, RestoreManagedPrefixListVersionRequest req) {
    PrefixListRecord p =
        PrefixLists.KIND.modify(
            ctx,
            required(req.prefixListId(), "PrefixListId"),
            r -> {
              ownOnly(r);
              if (req.currentVersion() == null || req.currentVersion() != r.version) {
                throw new AwsException(
                    "PrefixListVersionMismatch",
                    "The prefix list " + r.id + " has version " + r.version);
              }
              List<PrefixListRecord.Entry> old =
                  req.previousVersion() == null ? null : r.versions.get(req.previousVersion());
              if (old == null) {
                throw AwsException.invalidParameterValue(
                    "The prefix list " + r.id + " has no version " + req.previousVersion());
              }
              r.version++;
              r.versions.put(r.version, new ArrayList<>(old));
              return r;
            });
    rulesChanged.accept(ctx.state());
    return RestoreManagedPrefixListVersionResponse.builder()
        .prefixList(PrefixLists.KIND.view(ctx, p))
        .build();
  }

  public DeleteManagedPrefixListResponse deleteManagedPrefixList(
      RequestContext ctx, DeleteManagedPrefixListRequest req) {
    String id = required(req.prefixListId(), "PrefixListId");
    PrefixLists.KIND.modify(
        ctx,
        id,
        r -> {
          ownOnly(r);
          return r;
        });
    PrefixListRecord p = PrefixLists.KIND.delete(ctx, id);
    return DeleteManagedPrefixListResponse.builder()
        .prefixList(PrefixLists.KIND.view(ctx, p).toBuilder().state("delete-complete").build())
        .build();
  }

  private static void ownOnly(PrefixListRecord r) {
    if (r.awsManaged()) {
      throw new AwsException(
          "UnauthorizedOperation", "The prefix list " + r.id + " is managed by AWS");
    }
  }
}
