package dev.ec2double.ec2.imagesettings;

import dev.ec2double.core.RegionState;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.InstanceStore;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which resources of one account in one region use an AMI: its instances (in the states asked for)
 * and its launch templates (a version among the newest {@code version-depth} names the AMI), as
 * DescribeImageReferences and image usage reports count them from the server's real state.
 */
final class ImageUses {
  static final String INSTANCE = "ec2:Instance";
  static final String TEMPLATE = "ec2:LaunchTemplate";

  /** Launch template versions looked at when version-depth is not given. */
  static final int DEFAULT_DEPTH = 20;

  private static final int MAX_DEPTH = 10000;
  private static final Set<String> STATES =
      new LinkedHashSet<>(
          Arrays.stream(InstanceState.values()).map(InstanceState::awsName).toList());

  /**
   * One resource type asked for, with its options: the instance states ({@code state-name}; none:
   * every state but terminated) or the template versions ({@code version-depth}).
   */
  record Scope(String type, Set<String> states, int depth) implements java.io.Serializable {}

  /** A resource that uses the AMI: its type and ARN. */
  record Use(String type, String arn) {}

  private final TemplateImages templates;

  ImageUses(TemplateImages templates) {
    this.templates = templates;
  }

  /**
   * A resource type and its options checked as AWS checks them.
   *
   * @param allowed the types this call takes
   */
  static Scope scope(String type, Map<String, List<String>> options, Set<String> allowed) {
    if (type == null) {
      throw AwsException.missingParameter("ResourceType");
    }
    if (!allowed.contains(type)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + type
              + ") for parameter ResourceType is invalid. Valid values: "
              + String.join(", ", allowed)
              + ".");
    }
    Set<String> states = new LinkedHashSet<>();
    int depth = DEFAULT_DEPTH;
    for (var e : options.entrySet()) {
      String name = e.getKey();
      if (type.equals(INSTANCE) && "state-name".equals(name)) {
        for (String s : e.getValue()) {
          if (!STATES.contains(s)) {
            throw AwsException.invalidParameterValue(
                "Value (" + s + ") for option state-name is invalid.");
          }
          states.add(s);
        }
      } else if (type.equals(TEMPLATE) && "version-depth".equals(name)) {
        depth = depth(e.getValue());
      } else {
        throw AwsException.invalidParameterValue(
            "The option '" + name + "' is not valid for resource type " + type + ".");
      }
    }
    return new Scope(type, states, depth);
  }

  private static int depth(List<String> values) {
    try {
      int d = values.size() == 1 ? Integer.parseInt(values.get(0).trim()) : -1;
      if (d >= 1 && d <= MAX_DEPTH) {
        return d;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw AwsException.invalidParameterValue(
        "The option version-depth takes one number between 1 and " + MAX_DEPTH + ".");
  }

  /** The resources of the state's account and region, of the scope's type, that use the AMI. */
  List<Use> of(RegionState state, String imageId, Scope scope) {
    List<Use> out = new ArrayList<>();
    String prefix = "arn:aws:ec2:" + state.region() + ":" + state.account() + ":";
    if (scope.type().equals(INSTANCE)) {
      InstanceStore store = state.existingPart(InstanceStore.class);
      if (store != null) {
        for (InstanceRecord r : store.all()) {
          String s = r.state().awsName();
          boolean wanted =
              scope.states().isEmpty() ? !s.equals("terminated") : scope.states().contains(s);
          if (wanted && imageId.equals(r.imageId())) {
            out.add(new Use(INSTANCE, prefix + "instance/" + r.id()));
          }
        }
      }
    } else if (scope.type().equals(TEMPLATE)) {
      for (TemplateImages.Template t : templates.templates(state)) {
        boolean names =
            t.versions().stream().limit(scope.depth()).anyMatch(v -> imageId.equals(v.imageId()));
        if (names) {
          out.add(new Use(TEMPLATE, prefix + "launch-template/" + t.id()));
        }
      }
    }
    return out;
  }
}
