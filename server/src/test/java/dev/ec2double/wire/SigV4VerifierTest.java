package dev.ec2double.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SigV4 verification against AWS's published example (the "get-vanilla" case of the SigV4 test
 * suite) and against what changes a signature.
 */
class SigV4VerifierTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Clock AT_SIGNING =
      Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
  private static final String VANILLA_AUTH =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
          + " SignedHeaders=host;x-amz-date,"
          + " Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

  private final SigV4Verifier verifier =
      new SigV4Verifier(Map.of("AKIDEXAMPLE", SECRET), AT_SIGNING);

  private static RawRequest request(String method, String query, String body, String... headers) {
    Map<String, List<String>> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i].toLowerCase(Locale.ROOT), List.of(headers[i + 1]));
    }
    return new RawRequest(
        method,
        "/",
        query,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        name -> h.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
  }

  private void verify(RawRequest r, Protocol protocol) {
    Map<String, String> params = new HashMap<>();
    FormParams.parse(r.queryString(), params);
    CredentialScope scope =
        CredentialScope.parse(r.header("Authorization"), params.get("X-Amz-Credential"));
    verifier.verify(r, params, scope, protocol);
  }

  @Test
  void acceptsAwsExampleRequest() {
    RawRequest r =
        request(
            "GET",
            null,
            null,
            "Host",
            "example.amazonaws.com",
            "X-Amz-Date",
            "20150830T123600Z",
            "Authorization",
            VANILLA_AUTH);

    assertThatCode(() -> verify(r, Protocol.EC2)).doesNotThrowAnyException();
  }

  @Test
  void rejectsTheExampleWhenAnythingSignedChanges() {
    RawRequest otherHost =
        request(
            "GET",
            null,
            null,
            "Host",
            "example2.amazonaws.com",
            "X-Amz-Date",
            "20150830T123600Z",
            "Authorization",
            VANILLA_AUTH);
    RawRequest otherQuery =
        request(
            "GET",
            "Action=RunInstances",
            null,
            "Host",
            "example.amazonaws.com",
            "X-Amz-Date",
            "20150830T123600Z",
            "Authorization",
            VANILLA_AUTH);

    assertThatThrownBy(() -> verify(otherHost, Protocol.QUERY))
        .isInstanceOf(AwsException.class)
        .extracting(e -> ((AwsException) e).code(), e -> ((AwsException) e).status())
        .containsExactly("SignatureDoesNotMatch", 403);
    assertThatThrownBy(() -> verify(otherQuery, Protocol.EC2))
        .extracting(e -> ((AwsException) e).code(), e -> ((AwsException) e).status())
        .containsExactly("AuthFailure", 401);
  }

  @Test
  void answersAnUnknownKeyAsEachProtocolDoes() {
    RawRequest r =
        request(
            "GET",
            null,
            null,
            "Host",
            "example.amazonaws.com",
            "X-Amz-Date",
            "20150830T123600Z",
            "Authorization",
            VANILLA_AUTH.replace("AKIDEXAMPLE", "AKIDUNKNOWN"));

    assertThatThrownBy(() -> verify(r, Protocol.QUERY))
        .extracting(e -> ((AwsException) e).code(), e -> ((AwsException) e).status())
        .containsExactly("InvalidClientTokenId", 403);
    assertThatThrownBy(() -> verify(r, Protocol.EC2))
        .extracting(e -> ((AwsException) e).code(), e -> ((AwsException) e).status())
        .containsExactly("AuthFailure", 401);
  }

  @Test
  void refusesASignatureOlderThanFifteenMinutes() {
    SigV4Verifier later =
        new SigV4Verifier(
            Map.of("AKIDEXAMPLE", SECRET),
            Clock.fixed(Instant.parse("2015-08-30T12:52:00Z"), ZoneOffset.UTC));
    RawRequest r =
        request(
            "GET",
            null,
            null,
            "Host",
            "example.amazonaws.com",
            "X-Amz-Date",
            "20150830T123600Z",
            "Authorization",
            VANILLA_AUTH);
    Map<String, String> params = Map.of();
    CredentialScope scope = CredentialScope.parse(VANILLA_AUTH, null);

    assertThatThrownBy(() -> later.verify(r, params, scope, Protocol.EC2))
        .extracting(e -> ((AwsException) e).code())
        .isEqualTo("RequestExpired");
  }

  @Test
  void canonicalQuerySortsAndEncodesTheSigV4Way() {
    assertThat(SigV4Encoding.canonicalQuery("b=2&a=x%20y&a=1&c=%7e+*", false))
        .isEqualTo("a=1&a=x%20y&b=2&c=~%20%2A");
    assertThat(SigV4Encoding.canonicalQuery("X-Amz-Signature=ab&X-Amz-Date=1", true))
        .isEqualTo("X-Amz-Date=1");
  }
}
