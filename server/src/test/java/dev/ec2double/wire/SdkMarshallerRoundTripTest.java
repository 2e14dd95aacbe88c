package dev.ec2double.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.runtime.transform.Marshaller;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.protocols.query.AwsEc2ProtocolFactory;
import software.amazon.awssdk.protocols.query.AwsQueryProtocolFactory;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Proves the decoder reads what the SDK writes: for every action of EC2 and ELBv2, a request with
 * every member set to a random value is marshalled by the SDK's own marshaller, form-encoded as on
 * the wire, decoded, and must come back equal.
 */
class SdkMarshallerRoundTripTest {
  private static final SdkClientConfiguration CONFIG =
      SdkClientConfiguration.builder()
          .option(SdkClientOption.ENDPOINT, URI.create("http://127.0.0.1"))
          .build();

  @Test
  void decodesEveryEc2RequestTheSdkMarshals() throws Exception {
    AwsQueryProtocolFactory factory =
        AwsEc2ProtocolFactory.builder().clientConfiguration(CONFIG).build();

    List<String> mismatches = roundTripAll(Protocol.EC2, factory, "ec2");

    assertThat(mismatches).isEmpty();
  }

  @Test
  void decodesEveryElbv2RequestTheSdkMarshals() throws Exception {
    AwsQueryProtocolFactory factory =
        AwsQueryProtocolFactory.builder().clientConfiguration(CONFIG).build();

    List<String> mismatches = roundTripAll(Protocol.QUERY, factory, "elasticloadbalancingv2");

    assertThat(mismatches).isEmpty();
  }

  private static List<String> roundTripAll(
      Protocol protocol, AwsQueryProtocolFactory factory, String service) throws Exception {
    Map<String, Class<?>> actions = SdkActions.of(protocol);
    assertThat(actions).hasSizeGreaterThan(protocol == Protocol.EC2 ? 500 : 30);
    QueryDecoder decoder = new QueryDecoder(protocol);
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<String, Class<?>> e : actions.entrySet()) {
      Class<?> type = e.getValue();
      Object request =
          new SdkSamples(e.getKey().hashCode())
              .build((SdkPojo) type.getMethod("builder").invoke(null));
      Map<String, String> params = onTheWire(marshaller(service, type, factory), request);

      Object decoded = decoder.decodeRequest(() -> builderOf(type), ParamTree.of(params));

      if (!e.getKey().equals(params.get("Action"))) {
        mismatches.add(e.getKey() + ": the SDK sends Action=" + params.get("Action"));
      } else if (!protocol.apiVersion().equals(params.get("Version"))) {
        mismatches.add(e.getKey() + ": the SDK sends Version=" + params.get("Version"));
      } else if (!request.equals(decoded)) {
        mismatches.add(e.getKey() + ":\n  sent    " + request + "\n  decoded " + decoded);
      }
    }
    return mismatches;
  }

  @SuppressWarnings("unchecked")
  private static Marshaller<Object> marshaller(
      String service, Class<?> type, AwsQueryProtocolFactory factory) throws Exception {
    Class<?> m =
        Class.forName(
            "software.amazon.awssdk.services."
                + service
                + ".transform."
                + type.getSimpleName()
                + "Marshaller");
    return (Marshaller<Object>)
        m.getConstructor(AwsQueryProtocolFactory.class).newInstance(factory);
  }

  /**
   * What the client sends: the marshalled parameters, form-encoded, then parsed as the server does.
   */
  private static Map<String, String> onTheWire(Marshaller<Object> marshaller, Object request) {
    SdkHttpFullRequest http = marshaller.marshall(request);
    String form = SdkHttpUtils.encodeAndFlattenFormData(http.rawQueryParameters()).orElse("");
    if (http.contentStreamProvider().isPresent()) {
      try (InputStream in = http.contentStreamProvider().get().newStream()) {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        form = form.isEmpty() ? body : form + "&" + body;
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    Map<String, String> params = new HashMap<>();
    FormParams.parse(form, params);
    return params;
  }

  private static SdkPojo builderOf(Class<?> type) {
    try {
      return (SdkPojo) type.getMethod("builder").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
