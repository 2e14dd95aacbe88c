package dev.ec2double.wire;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.runtime.transform.Marshaller;
import software.amazon.awssdk.protocols.query.AwsEc2ProtocolFactory;
import software.amazon.awssdk.protocols.query.AwsQueryProtocolFactory;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Every action the real API has, as the SDK on the classpath knows it: one per method of the
 * service client interface that takes the operation's request object.
 *
 * <p>The action name on the wire is not always the request class's name: the SDK renames some
 * ({@code EnableVolumeIoRequest} is sent as {@code Action=EnableVolumeIO}, ELBv2's {@code
 * DescribeSslPoliciesRequest} as {@code DescribeSSLPolicies}). So the name is read from what the
 * SDK's own marshaller writes for an empty request.
 */
public final class SdkActions {
  /** The SDK's marshallers of the two protocols: made when an action is first marshalled. */
  private static final class Marshalling {
    private static final SdkClientConfiguration CONFIG =
        SdkClientConfiguration.builder()
            .option(SdkClientOption.ENDPOINT, URI.create("http://127.0.0.1"))
            .build();
    static final AwsQueryProtocolFactory EC2_PROTOCOL =
        AwsEc2ProtocolFactory.builder().clientConfiguration(CONFIG).build();
    static final AwsQueryProtocolFactory QUERY_PROTOCOL =
        AwsQueryProtocolFactory.builder().clientConfiguration(CONFIG).build();
  }

  private static final Map<Protocol, Map<String, Class<?>>> BY_PROTOCOL = new ConcurrentHashMap<>();
  private static final Map<Class<?>, String> ACTION_OF = new ConcurrentHashMap<>();
  private static final Map<Protocol, Map<String, List<String>>> MARSHALLED =
      new ConcurrentHashMap<>();

  private SdkActions() {}

  /**
   * Wire action name → request class, sorted by name. This loads every request and response class
   * of the service (some 1,700 for EC2, tens of MB of metaspace): for the docs and tests; a server
   * asks {@link #requestType}.
   */
  public static Map<String, Class<?>> of(Protocol protocol) {
    return BY_PROTOCOL.computeIfAbsent(protocol, SdkActions::scan);
  }

  /**
   * The request class of a wire action, or null when the API has no such action. Loads the classes
   * of that one operation only: the candidates are the SDK's marshallers, listed by file name from
   * the jar, whose name is the action's up to letter case ({@code EnableVolumeIoRequestMarshaller}
   * for {@code EnableVolumeIO}); a candidate counts when the SDK sends that very action for it.
   */
  public static Class<?> requestType(Protocol protocol, String action) {
    if (action == null) {
      return null;
    }
    Map<String, List<String>> names =
        MARSHALLED.computeIfAbsent(protocol, SdkActions::listRequests);
    if (names.isEmpty()) {
      return of(protocol).get(action); // no jar or directory to list: look at the whole client
    }
    for (String name : names.getOrDefault(action.toLowerCase(Locale.ROOT), List.of())) {
      try {
        Class<?> type = Class.forName(name, false, SdkActions.class.getClassLoader());
        if (SdkRequest.class.isAssignableFrom(type) && action.equals(actionOf(type))) {
          return type;
        }
      } catch (ClassNotFoundException e) {
        // listed but not loadable: not an operation this SDK has
      }
    }
    return null;
  }

  /** The SDK client interface of a protocol's service. */
  private static Class<?> clientOf(Protocol protocol) {
    return switch (protocol) {
      case EC2 -> Ec2Client.class;
      case QUERY -> ElasticLoadBalancingV2Client.class;
      case STS -> StsClient.class;
      case AUTOSCALING -> AutoScalingClient.class;
    };
  }

  /** Lower-case action → request class names, from the file names of the SDK's marshallers. */
  private static Map<String, List<String>> listRequests(Protocol protocol) {
    Class<?> client = clientOf(protocol);
    String dir = client.getPackageName().replace('.', '/') + "/transform/";
    String suffix = "RequestMarshaller.class";
    String model = client.getPackageName() + ".model.";
    Map<String, List<String>> out = new HashMap<>();
    for (String file : ClassFiles.list(client, dir)) {
      if (file.endsWith(suffix) && file.indexOf('$') < 0) {
        String operation = file.substring(0, file.length() - suffix.length());
        out.computeIfAbsent(operation.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(model + operation + "Request");
      }
    }
    return out;
  }

  /** The protocol whose model package holds this request class, or null. */
  public static Protocol protocolOf(Class<?> requestType) {
    String pkg = requestType.getPackageName();
    for (Protocol p : Protocol.values()) {
      if (pkg.equals(clientOf(p).getPackageName() + ".model")) {
        return p;
      }
    }
    return null;
  }

  /** The {@code Action} the SDK sends for this request class. */
  public static String actionOf(Class<?> requestType) {
    return ACTION_OF.computeIfAbsent(requestType, SdkActions::marshalledAction);
  }

  private static Map<String, Class<?>> scan(Protocol protocol) {
    Class<?> client = clientOf(protocol);
    Map<String, Class<?>> actions = new TreeMap<>();
    for (Method m : client.getMethods()) {
      Class<?>[] params = m.getParameterTypes();
      if (!Modifier.isStatic(m.getModifiers())
          && params.length == 1
          && SdkRequest.class.isAssignableFrom(params[0])
          && protocolOf(params[0]) == protocol) {
        actions.put(actionOf(params[0]), params[0]);
      }
    }
    return Collections.unmodifiableMap(actions);
  }

  @SuppressWarnings("unchecked")
  private static String marshalledAction(Class<?> requestType) {
    Protocol protocol = protocolOf(requestType);
    if (protocol == null) {
      throw new IllegalArgumentException(
          requestType + " is not an EC2, ELBv2, STS or Auto Scaling request");
    }
    try {
      String transform =
          requestType.getPackageName().replaceFirst("\\.model$", ".transform.")
              + requestType.getSimpleName()
              + "Marshaller";
      Marshaller<Object> marshaller =
          (Marshaller<Object>)
              Class.forName(transform)
                  .getConstructor(AwsQueryProtocolFactory.class)
                  .newInstance(
                      protocol == Protocol.EC2
                          ? Marshalling.EC2_PROTOCOL
                          : Marshalling.QUERY_PROTOCOL);
      Object request = ((SdkBuilder<?, ?>) requestType.getMethod("builder").invoke(null)).build();
      return marshaller.marshall(request).rawQueryParameters().get("Action").get(0);
    } catch (ClassNotFoundException e) {
      // No marshaller: not an operation of the client; its class name is all there is.
      return requestType.getSimpleName().replaceFirst("Request$", "");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot marshal an empty " + requestType.getName(), e);
    }
  }
}
