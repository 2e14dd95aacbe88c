package dev.ec2double.wire;

import dev.ec2double.errors.AwsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4, from the Authorization header or a presigned query string,
 * against configured access keys and secrets (--strict-auth). The canonical request is built as
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html describes it.
 *
 * <p>The answers are AWS's, which differ by protocol: EC2 says {@code AuthFailure} (401) for an
 * unknown key and a wrong signature alike; the query-protocol services say {@code
 * InvalidClientTokenId} or {@code SignatureDoesNotMatch} (403).
 */
public final class SigV4Verifier {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";

  /** How far a request's time may be from the server's, as AWS allows. */
  static final Duration MAX_SKEW = Duration.ofMinutes(15);

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final Map<String, String> secrets;
  private final Clock clock;
  private TemporaryCredentials temporary = TemporaryCredentials.NONE;

  /**
   * @param secrets secret access key by access key id
   */
  public SigV4Verifier(Map<String, String> secrets) {
    this(secrets, Clock.systemUTC());
  }

  SigV4Verifier(Map<String, String> secrets, Clock clock) {
    this.secrets = Map.copyOf(secrets);
    this.clock = clock;
  }

  /**
   * Also takes the temporary credentials the server issued: a request signed with one must carry
   * its session token ({@code X-Amz-Security-Token}) and be made before it expires.
   */
  public SigV4Verifier withTemporaryCredentials(TemporaryCredentials temporary) {
    this.temporary = temporary;
    return this;
  }

  /** Throws AWS's error unless the request is signed with a known key's secret, in time. */
  public void verify(
      RawRequest request, Map<String, String> params, CredentialScope scope, Protocol protocol) {
    String authorization = request.header("Authorization");
    boolean presigned = authorization == null || authorization.isBlank();
    String secret = secrets.get(scope.accessKey());
    if (secret == null) {
      secret = temporarySecret(request, params, scope.accessKey(), presigned, protocol);
    }
    String credential;
    String signedHeaders;
    String signature;
    String amzDate;
    if (presigned) {
      credential = params.get("X-Amz-Credential");
      signedHeaders = params.get("X-Amz-SignedHeaders");
      signature = params.get("X-Amz-Signature");
      amzDate = params.get("X-Amz-Date");
      if (!ALGORITHM.equals(params.get("X-Amz-Algorithm"))
          || signedHeaders == null
          || signature == null
          || amzDate == null) {
        throw new AwsException(
            "IncompleteSignature",
            "A presigned request needs X-Amz-Algorithm="
                + ALGORITHM
                + ", X-Amz-Credential,"
                + " X-Amz-Date, X-Amz-SignedHeaders and X-Amz-Signature.",
            400);
      }
    } else {
      Map<String, String> parts = AuthorizationHeader.parts(authorization);
      credential = parts.get("Credential");
      signedHeaders = parts.get("SignedHeaders");
      signature = parts.get("Signature");
      amzDate = request.header("X-Amz-Date");
      if (amzDate == null) {
        amzDate = fromHttpDate(request.header("Date"));
      }
      if (amzDate == null) {
        throw new AwsException(
            "IncompleteSignature",
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date'"
                + " header. Authorization="
                + shorten(authorization),
            400);
      }
    }
    Instant signedAt = parse(amzDate);
    Instant now = clock.instant();
    Duration validFor = MAX_SKEW;
    if (presigned) {
      validFor = Duration.ofSeconds(expires(params.get("X-Amz-Expires")));
      if (signedAt.isAfter(now.plus(MAX_SKEW)) || now.isAfter(signedAt.plus(validFor))) {
        throw expired(protocol, amzDate, now);
      }
    } else if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      throw expired(protocol, amzDate, now);
    }
    String scopeText = credential.substring(credential.indexOf('/') + 1);
    if (!scopeText.startsWith(amzDate.substring(0, 8) + "/")) {
      throw mismatch(protocol, "the credential scope's date is not the request's date");
    }
    String canonical = canonicalRequest(request, signedHeaders.toLowerCase(Locale.ROOT), presigned);
    String stringToSign =
        ALGORITHM + "\n" + amzDate + "\n" + scopeText + "\n" + HEX.formatHex(sha256(canonical));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
    key = hmac(key, scope.region());
    key = hmac(key, scope.service());
    key = hmac(key, "aws4_request");
    String expected = HEX.formatHex(hmac(key, stringToSign));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      throw mismatch(protocol, null);
    }
  }

  static String canonicalRequest(RawRequest request, String signedHeaders, boolean presigned) {
    StringBuilder c = new StringBuilder();
    c.append(request.method().toUpperCase(Locale.ROOT)).append('\n');
    String path = request.path() == null || request.path().isEmpty() ? "/" : request.path();
    c.append(SigV4Encoding.encode(path, false)).append('\n');
    c.append(SigV4Encoding.canonicalQuery(request.queryString(), presigned)).append('\n');
    for (String name : signedHeaders.split(";")) {
      List<String> values = request.headers().apply(name);
      List<String> trimmed = new ArrayList<>();
      if (values != null) {
        for (String v : values) {
          trimmed.add(v.trim().replaceAll(" +", " "));
        }
      }
      c.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    c.append('\n').append(signedHeaders).append('\n');
    String contentHash = request.header("X-Amz-Content-Sha256");
    if ("UNSIGNED-PAYLOAD".equals(contentHash)) {
      c.append(contentHash);
    } else {
      byte[] body = request.body() == null ? new byte[0] : request.body();
      c.append(HEX.formatHex(sha256(body)));
    }
    return c.toString();
  }

  private static long expires(String raw) {
    try {
      long seconds = Long.parseLong(raw == null ? "900" : raw.trim());
      if (seconds < 1 || seconds > 604_800) {
        throw new NumberFormatException();
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw AwsException.invalidParameterValue(
          "X-Amz-Expires must be a number of seconds from 1 to 604800.");
    }
  }

  private static Instant parse(String amzDate) {
    try {
      return AMZ_DATE.parse(amzDate, Instant::from);
    } catch (DateTimeParseException e) {
      throw new AwsException(
          "IncompleteSignature",
          "Date must be in ISO-8601 'basic format', e.g. 20240102T030405Z, got '"
              + shorten(amzDate)
              + "'.",
          400);
    }
  }

  private static String fromHttpDate(String date) {
    if (date == null) {
      return null;
    }
    try {
      return AMZ_DATE.format(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The secret of temporary credentials the server issued, if the request carries their token. */
  private String temporarySecret(
      RawRequest request,
      Map<String, String> params,
      String accessKey,
      boolean presigned,
      Protocol protocol) {
    TemporaryCredentials.Session session =
        temporary.find(accessKey).orElseThrow(() -> unknownKey(protocol));
    String token =
        presigned ? params.get("X-Amz-Security-Token") : request.header("X-Amz-Security-Token");
    if (!session.sessionToken().equals(token)) {
      throw unknownKey(protocol);
    }
    if (!clock.instant().isBefore(session.expiration())) {
      throw protocol == Protocol.EC2
          ? new AwsException("RequestExpired", "Request has expired.", 400)
          : new AwsException(
              "ExpiredToken", "The security token included in the request is expired", 403);
    }
    return session.secretAccessKey();
  }

  private static AwsException unknownKey(Protocol protocol) {
    if (protocol == Protocol.EC2) {
      return authFailure();
    }
    return new AwsException(
        "InvalidClientTokenId", "The security token included in the request is invalid.", 403);
  }

  private static AwsException mismatch(Protocol protocol, String why) {
    if (protocol == Protocol.EC2) {
      return authFailure();
    }
    return new AwsException(
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check"
            + " your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details."
            + (why == null ? "" : " (" + why + ")"),
        403);
  }

  private static AwsException expired(Protocol protocol, String amzDate, Instant now) {
    if (protocol == Protocol.EC2) {
      return new AwsException("RequestExpired", "Request has expired.", 400);
    }
    return new AwsException(
        "SignatureDoesNotMatch",
        "Signature expired: "
            + amzDate
            + " is now earlier than "
            + AMZ_DATE.format(now.minus(MAX_SKEW))
            + " ("
            + AMZ_DATE.format(now)
            + " - 15 min.)",
        403);
  }

  private static AwsException authFailure() {
    return new AwsException(
        "AuthFailure", "AWS was not able to validate the provided access credentials", 401);
  }

  private static byte[] sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String shorten(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}
