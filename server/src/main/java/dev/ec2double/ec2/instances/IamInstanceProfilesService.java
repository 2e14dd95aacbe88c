package dev.ec2double.ec2.instances;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.roles.InstanceProfiles;
import dev.ec2double.ec2.roles.ProfileAssociations;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.AssociateIamInstanceProfileRequest;
import software.amazon.awssdk.services.ec2.model.AssociateIamInstanceProfileResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateIamInstanceProfileRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateIamInstanceProfileResponse;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfile;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociationState;
import software.amazon.awssdk.services.ec2.model.ReplaceIamInstanceProfileAssociationRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceIamInstanceProfileAssociationResponse;

/**
 * Associate, Describe, Disassociate and ReplaceIamInstanceProfileAssociation: which instance
 * profile (and so which role's credentials in the metadata service) an instance has.
 */
public final class IamInstanceProfilesService {
  private static final Pattern ID = Pattern.compile("iip-assoc-[0-9a-f]{17}");
  private static final FilterSpec<IamInstanceProfileAssociation> FILTERS =
      FilterSpec.<IamInstanceProfileAssociation>of()
          .field("instance-id", IamInstanceProfileAssociation::instanceId)
          .field("state", IamInstanceProfileAssociation::stateAsString);

  private final InstanceProfiles profiles;

  public IamInstanceProfilesService(InstanceProfiles profiles) {
    this.profiles = profiles;
  }

  /** The association RunInstances makes for a profile it was given. */
  static void associateAtLaunch(
      RequestContext ctx, String instanceId, InstanceProfiles.Profile profile, Instant at) {
    ProfileAssociations.of(ctx.state())
        .put(new ProfileAssociations.Association(Ids.next("iip-assoc"), instanceId, profile, at));
  }

  public AssociateIamInstanceProfileResponse associateIamInstanceProfile(
      RequestContext ctx, AssociateIamInstanceProfileRequest req) {
    InstanceProfiles.Profile profile = profiles.resolve(ctx.account(), req.iamInstanceProfile());
    InstanceRecord instance = Instances.require(ctx, req.instanceId());
    InstanceState state = instance.state();
    if (state != InstanceState.RUNNING
        && state != InstanceState.STOPPED
        && state != InstanceState.PENDING) {
      throw new AwsException(
          "IncorrectInstanceState",
          "The instance '" + instance.id() + "' is not in the 'running' or 'stopped' state.");
    }
    ProfileAssociations store = ProfileAssociations.of(ctx.state());
    ProfileAssociations.Association a;
    synchronized (store) {
      if (store.ofInstance(instance.id()) != null) {
        throw new AwsException(
            "IncorrectState", "There is an existing association for instance " + instance.id());
      }
      a =
          new ProfileAssociations.Association(
              Ids.next("iip-assoc"), instance.id(), profile, Instant.now());
      store.put(a);
      instance.profile = profile;
    }
    return AssociateIamInstanceProfileResponse.builder()
        .iamInstanceProfileAssociation(view(a, IamInstanceProfileAssociationState.ASSOCIATING))
        .build();
  }

  public DescribeIamInstanceProfileAssociationsResponse describeIamInstanceProfileAssociations(
      RequestContext ctx, DescribeIamInstanceProfileAssociationsRequest req) {
    Predicate<IamInstanceProfileAssociation> filter = FILTERS.compile(req.filters());
    ProfileAssociations store = ProfileAssociations.of(ctx.state());
    List<IamInstanceProfileAssociation> views = new ArrayList<>();
    if (req.hasAssociationIds() && !req.associationIds().isEmpty()) {
      for (String id : req.associationIds()) {
        views.add(view(require(store, id), IamInstanceProfileAssociationState.ASSOCIATED));
      }
    } else {
      for (ProfileAssociations.Association a : store.all()) {
        if (live(ctx, a)) {
          views.add(view(a, IamInstanceProfileAssociationState.ASSOCIATED));
        }
      }
    }
    var page =
        Pages.page(
            ctx.action(),
            views.stream().filter(filter).toList(),
            req.maxResults(),
            req.nextToken());
    return DescribeIamInstanceProfileAssociationsResponse.builder()
        .iamInstanceProfileAssociations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DisassociateIamInstanceProfileResponse disassociateIamInstanceProfile(
      RequestContext ctx, DisassociateIamInstanceProfileRequest req) {
    ProfileAssociations store = ProfileAssociations.of(ctx.state());
    ProfileAssociations.Association a;
    synchronized (store) {
      a = require(store, req.associationId());
      store.remove(a.id());
      setProfile(ctx, a.instanceId(), null);
    }
    return DisassociateIamInstanceProfileResponse.builder()
        .iamInstanceProfileAssociation(view(a, IamInstanceProfileAssociationState.DISASSOCIATING))
        .build();
  }

  public ReplaceIamInstanceProfileAssociationResponse replaceIamInstanceProfileAssociation(
      RequestContext ctx, ReplaceIamInstanceProfileAssociationRequest req) {
    InstanceProfiles.Profile profile = profiles.resolve(ctx.account(), req.iamInstanceProfile());
    ProfileAssociations store = ProfileAssociations.of(ctx.state());
    ProfileAssociations.Association next;
    synchronized (store) {
      ProfileAssociations.Association old = require(store, req.associationId());
      next =
          new ProfileAssociations.Association(
              Ids.next("iip-assoc"), old.instanceId(), profile, Instant.now());
      store.remove(old.id());
      store.put(next);
      setProfile(ctx, next.instanceId(), profile);
    }
    return ReplaceIamInstanceProfileAssociationResponse.builder()
        .iamInstanceProfileAssociation(view(next, IamInstanceProfileAssociationState.ASSOCIATING))
        .build();
  }

  private static ProfileAssociations.Association require(ProfileAssociations store, String id) {
    if (id == null) {
      throw AwsException.missingParameter("AssociationId");
    }
    if (!ID.matcher(id).matches()) {
      throw AwsException.invalidParameterValue(
          "Value (" + id + ") for parameter associationId is invalid. Invalid association id");
    }
    ProfileAssociations.Association a = store.get(id);
    if (a == null) {
      throw new AwsException(
          "InvalidAssociationID.NotFound", "An association ID '" + id + "' does not exist");
    }
    return a;
  }

  private static void setProfile(
      RequestContext ctx, String instanceId, InstanceProfiles.Profile profile) {
    InstanceRecord r = Instances.store(ctx.state()).get(instanceId);
    if (r != null) {
      r.profile = profile;
    }
  }

  /** Associations of terminated instances are gone from Describe, as on AWS. */
  private static boolean live(RequestContext ctx, ProfileAssociations.Association a) {
    InstanceRecord r = Instances.store(ctx.state()).get(a.instanceId());
    return r != null && r.state() != InstanceState.TERMINATED;
  }

  static IamInstanceProfileAssociation view(
      ProfileAssociations.Association a, IamInstanceProfileAssociationState state) {
    return IamInstanceProfileAssociation.builder()
        .associationId(a.id())
        .instanceId(a.instanceId())
        .iamInstanceProfile(
            IamInstanceProfile.builder().arn(a.profile().arn()).id(a.profile().id()).build())
        .state(state)
        .timestamp(a.timestamp())
        .build();
  }
}
