package dev.ec2double.ec2.instances;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Lookups every instance operation shares, with AWS's errors for bad or unknown ids. */
public final class Instances {
  private static final Pattern ID = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");

  private Instances() {}

  public static InstanceStore store(RegionState state) {
    return state.part(InstanceStore.class, InstanceStore::new);
  }

  public static InstanceRecord require(RequestContext ctx, String id) {
    if (id == null) {
      // the SDK model marks nothing required, so the decoder cannot: a call without the id
      throw AwsException.missingParameter("InstanceId");
    }
    return requireAll(ctx, List.of(id)).get(0);
  }

  /** All the instances named, or AWS's error naming every id that is not there. */
  public static List<InstanceRecord> requireAll(RequestContext ctx, List<String> ids) {
    if (ids.isEmpty()) {
      throw AwsException.missingParameter("InstanceId");
    }
    List<InstanceRecord> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    InstanceStore store = store(ctx.state());
    for (String id : ids) {
      if (id == null || !ID.matcher(id).matches()) {
        throw new AwsException("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
      }
      InstanceRecord r = store.get(id);
      if (r == null) {
        missing.add(id);
      } else {
        found.add(r);
      }
    }
    if (missing.size() == 1) {
      throw new AwsException(
          "InvalidInstanceID.NotFound", "The instance ID '" + missing.get(0) + "' does not exist");
    }
    if (!missing.isEmpty()) {
      throw new AwsException(
          "InvalidInstanceID.NotFound",
          "The instance IDs '" + String.join(", ", missing) + "' do not exist");
    }
    return found;
  }

  /** The engine name of an instance's machine, known before it is launched. */
  public static String machineName(String instanceId) {
    return "ec2double-" + instanceId;
  }

  static AwsException incorrectState(InstanceRecord r, String what) {
    return new AwsException(
        "IncorrectInstanceState",
        "The instance '" + r.id + "' is not in a state from which it can be " + what + ".");
  }
}
