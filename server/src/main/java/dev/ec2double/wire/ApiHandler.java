package dev.ec2double.wire;

import dev.ec2double.errors.AwsException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The one entry point of the API: reads who is calling and what they ask (SigV4 scope, Action,
 * parameters), decodes the typed request, runs the operation and encodes its answer or its error.
 * Independent of the HTTP server so that it can be exercised directly, and of the state behind it,
 * which the server hands in as a {@link ServiceHost}.
 */
public final class ApiHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final Pattern ACCOUNT_KEY = Pattern.compile("\\d{12}");

  private final OperationRegistry registry;
  private final ServiceHost host;
  private final String defaultAccount;
  private final Map<Protocol, QueryDecoder> decoders = decoders();

  private final SigV4Verifier verifier;
  private Function<RuntimeException, AwsException> failures = e -> null;
  private TemporaryCredentials temporary = TemporaryCredentials.NONE;
  private CallLog calls = CallLog.NONE;

  public ApiHandler(OperationRegistry registry, ServiceHost host, String defaultAccount) {
    this(registry, host, defaultAccount, null);
  }

  /**
   * @param host the regions, operation contexts and ClientToken memory behind the API
   * @param verifier checks every request's SigV4 signature (--strict-auth), or null to take any
   *     signature as valid
   */
  public ApiHandler(
      OperationRegistry registry, ServiceHost host, String defaultAccount, SigV4Verifier verifier) {
    this.registry = registry;
    this.host = host;
    this.defaultAccount = defaultAccount;
    this.verifier = verifier;
  }

  /**
   * Answers the failures of layers below the services that they let through (the engine's) with the
   * AWS error the function gives (null: not one of them, an internal error). Set once, before the
   * first request.
   */
  public ApiHandler answeringFailures(Function<RuntimeException, AwsException> failures) {
    this.failures = failures;
    return this;
  }

  /**
   * Requests signed with temporary credentials the server issued act in the account of those
   * credentials (an instance role acts in the instance's account). Set once, before the first
   * request.
   */
  public ApiHandler withTemporaryCredentials(TemporaryCredentials temporary) {
    this.temporary = temporary;
    return this;
  }

  /** Tells {@code calls} of every call answered. Set once, before the first request. */
  public ApiHandler withCallLog(CallLog calls) {
    this.calls = calls;
    return this;
  }

  private static Map<Protocol, QueryDecoder> decoders() {
    Map<Protocol, QueryDecoder> m = new java.util.EnumMap<>(Protocol.class);
    for (Protocol p : Protocol.values()) {
      m.put(p, new QueryDecoder(p));
    }
    return m;
  }

  /** A request as the HTTP server read it: what signature verification needs as well. */
  public ApiResponse handle(RawRequest request) {
    String form =
        request.body() == null ? null : new String(request.body(), StandardCharsets.UTF_8);
    return handle(request.queryString(), form, request.header("Authorization"), request);
  }

  /**
   * @param queryString the raw query string, or null
   * @param formBody the raw form body, or null
   * @param authorization the Authorization header, or null
   */
  public ApiResponse handle(String queryString, String formBody, String authorization) {
    return handle(queryString, formBody, authorization, null);
  }

  /**
   * A call the server makes of itself (the dashboard reads through the same actions a client
   * calls): acts in {@code account} and {@code region}, is not signed nor verified, and is not told
   * to the call log.
   */
  public ApiResponse handleTrusted(String account, String region, String service, String form) {
    String authorization =
        "AWS4-HMAC-SHA256 Credential="
            + account
            + "/20260101/"
            + region
            + "/"
            + service
            + "/aws4_request, SignedHeaders=host, Signature=trusted";
    return handle(null, form, authorization, null, new Trace(), false);
  }

  private ApiResponse handle(
      String queryString, String formBody, String authorization, RawRequest raw) {
    long startedMillis = System.currentTimeMillis();
    long started = System.nanoTime();
    Trace trace = new Trace();
    ApiResponse response = handle(queryString, formBody, authorization, raw, trace, true);
    calls.called(
        new CallLog.Call(
            trace.service,
            trace.action,
            trace.accessKey,
            trace.account,
            trace.region,
            startedMillis,
            System.nanoTime() - started,
            queryString,
            formBody,
            response));
    return response;
  }

  /** What a call was found to be as it was read, for the call log. */
  private static final class Trace {
    String service;
    String action;
    String accessKey;
    String account;
    String region;
  }

  private ApiResponse handle(
      String queryString,
      String formBody,
      String authorization,
      RawRequest raw,
      Trace trace,
      boolean verify) {
    String requestId = RequestIds.next();
    Protocol protocol = protocolHint(authorization, queryString);
    String action = null;
    try {
      Map<String, String> params = new HashMap<>();
      FormParams.parse(formBody, params);
      FormParams.parse(queryString, params);
      action = params.get("Action");
      trace.action = action;
      CredentialScope scope = CredentialScope.parse(authorization, params.get("X-Amz-Credential"));
      trace.service = scope.service();
      trace.accessKey = scope.accessKey();
      trace.region = scope.region();
      trace.account = accountOf(scope.accessKey());
      protocol = protocolFor(scope.service());
      if (verify && verifier != null) {
        verifier.verify(
            raw != null ? raw : asRaw(queryString, formBody, authorization),
            params,
            scope,
            protocol);
      }
      if (!host.isRegion(scope.region())) {
        throw new AwsException(
            "AuthFailure",
            "Credential should be scoped to a valid region, not '" + scope.region() + "'.",
            401);
      }
      Operation op = operation(protocol, action);
      ParamTree tree = ParamTree.of(params);
      if (op == null) {
        // The API has this action but ec2-double does not implement it: still check the input,
        // so a malformed request gets the same answer before and after it is implemented.
        Class<?> requestType = SdkActions.requestType(protocol, action);
        decoders.get(protocol).decodeRequest(() -> newBuilder(requestType), tree);
        throw new AwsException(
            "UnsupportedOperation",
            "ec2-double does not implement "
                + action
                + " yet; docs/operations.md lists what it implements.");
      }
      Object request = decoders.get(protocol).decodeRequest(op.requestBuilder(), tree);
      Object ctx =
          host.context(
              new ServiceHost.Call(
                  trace.account, scope.region(), scope.accessKey(), action, requestId));
      if (Boolean.TRUE.equals(field(request, "DryRun"))) {
        throw new AwsException(
            "DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
      }
      byte[] body;
      try {
        body = respond(protocol, op, action, ctx, request, requestId);
      } finally {
        // failed calls too: AWS's errors leave the state as it was, but nothing here may assume so
        if (changes(action)) {
          host.changed();
        }
      }
      return new ApiResponse(200, body, requestId);
    } catch (AwsException e) {
      LOG.debug("{} -> {}: {}", action, e.code(), e.getMessage());
      return error(protocol, e, requestId);
    } catch (RuntimeException e) {
      AwsException known = failures.apply(e);
      if (known != null) {
        LOG.debug("{} -> {}: {}", action, known.code(), known.getMessage());
        return error(protocol, known, requestId);
      }
      LOG.error("internal error in {} (request {})", action, requestId, e);
      return error(
          protocol,
          new AwsException(
              "InternalError",
              "An internal error has occurred (request " + requestId + "); see the server log.",
              500),
          requestId);
    }
  }

  /** Parameters alone, as tests pass them: signed over what there is, which is little. */
  private static RawRequest asRaw(String queryString, String formBody, String authorization) {
    return new RawRequest(
        "POST",
        "/",
        queryString,
        formBody == null ? null : formBody.getBytes(StandardCharsets.UTF_8),
        name ->
            name.equalsIgnoreCase("Authorization") && authorization != null
                ? List.of(authorization)
                : List.of());
  }

  /** The answer to a body larger than the server reads, in the caller's protocol. */
  public ApiResponse tooLarge(String authorization, long limit) {
    return error(
        protocolHint(authorization),
        new AwsException(
            "RequestEntityTooLarge", "The request body is larger than " + limit + " bytes.", 413),
        RequestIds.next());
  }

  /** The answer to an HTTP method the query APIs do not take (they take GET and POST). */
  public ApiResponse methodNotAllowed(String authorization, String method) {
    return error(
        protocolHint(authorization),
        new AwsException(
            "MethodNotAllowed",
            "The HTTP method " + shorten(method) + " is not allowed; use POST or GET.",
            405),
        RequestIds.next());
  }

  /**
   * What the HTTP server refused before reading the request (too long a URI or header section, a
   * malformed request line), as an envelope; EC2's, since nothing of the caller was read.
   */
  public ApiResponse httpError(int status, String reason) {
    String code =
        switch (status) {
          case 413 -> "RequestEntityTooLarge";
          case 414 -> "RequestURITooLong";
          case 431 -> "RequestHeaderSectionTooLarge";
          default -> status >= 500 ? "InternalError" : "MalformedHttpRequest";
        };
    return error(
        Protocol.EC2,
        new AwsException(
            code,
            "The HTTP request was refused before it was read"
                + (reason == null ? "." : ": " + shorten(reason) + "."),
            status < 400 || status > 599 ? 400 : status),
        RequestIds.next());
  }

  /** An error that escaped everything else, still as an AWS envelope and without internals. */
  public ApiResponse internalError(String authorization, Throwable cause) {
    String requestId = RequestIds.next();
    LOG.error("internal error (request {})", requestId, cause);
    return error(
        protocolHint(authorization),
        new AwsException(
            "InternalError",
            "An internal error has occurred (request " + requestId + "); see the server log.",
            500),
        requestId);
  }

  /**
   * The protocol to answer in before the request is fully read: ELBv2's or STS's when the
   * Authorization header is scoped to that service, else EC2's. Errors found before the scope is
   * parsed (a malformed body, say) then still reach an ELBv2 or STS client in its own envelope.
   */
  private static Protocol protocolHint(String authorization) {
    return authorization == null ? Protocol.EC2 : scopedTo(authorization);
  }

  private static Protocol scopedTo(String credentials) {
    for (Protocol p : Protocol.values()) {
      if (p != Protocol.EC2 && credentials.contains("/" + p.signingName() + "/aws4_request")) {
        return p;
      }
    }
    return Protocol.EC2;
  }

  /** As above, and for a presigned request the scope in its (still encoded) query string. */
  private static Protocol protocolHint(String authorization, String queryString) {
    if (authorization == null && queryString != null && queryString.contains("X-Amz-Credential")) {
      return scopedTo(queryString.replace("%2F", "/").replace("%2f", "/"));
    }
    return protocolHint(authorization);
  }

  private static SdkPojo newBuilder(Class<?> requestType) {
    try {
      return (SdkPojo) requestType.getMethod("builder").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no builder for " + requestType, e);
    }
  }

  /**
   * The answer's XML. With a ClientToken, the first answer to the token, kept as XML with a
   * stand-in for the request id (saved with the state, so a retry after a restart still gets it);
   * the request is compared in its encoded form, which is equal exactly when every member is.
   */
  /**
   * @param action the Action as the request named it: the response's root element is named after
   *     it, which is not the SDK class's name for a few (DescribeSSLPolicies, EnableVolumeIO)
   */
  private byte[] respond(
      Protocol protocol,
      Operation op,
      String action,
      Object ctx,
      Object request,
      String requestId) {
    Object token = field(request, "ClientToken");
    if (token instanceof String t && !t.isEmpty()) {
      byte[] first =
          host.once(
              ctx,
              op.action(),
              t,
              XmlEncoder.response(protocol, action, (SdkPojo) request, ""),
              () ->
                  XmlEncoder.response(protocol, action, op.invoke(ctx, request), RequestIds.SLOT));
      return RequestIds.fill(first, requestId);
    }
    return XmlEncoder.response(protocol, action, op.invoke(ctx, request), requestId);
  }

  /** Whether an action may change state (to be saved with --state-dir): all but the reads. */
  private static boolean changes(String action) {
    return !action.startsWith("Describe") && !action.startsWith("Get");
  }

  private Operation operation(Protocol protocol, String action) {
    if (action == null || action.isEmpty()) {
      throw new AwsException("MissingAction", "The request must contain the parameter Action");
    }
    Operation op = registry.find(protocol, action);
    if (op != null || registry.exists(protocol, action)) {
      return op;
    }
    throw new AwsException(
        "InvalidAction", "The action " + shorten(action) + " is not valid for this web service.");
  }

  private static Protocol protocolFor(String service) {
    Protocol p = Protocol.ofSigningName(service);
    if (p != null) {
      return p;
    }
    throw new AwsException(
        "SignatureDoesNotMatch",
        "Credential should be scoped to correct service: 'ec2', 'elasticloadbalancing' or 'sts',"
            + " not '"
            + shorten(service)
            + "'.",
        403);
  }

  private String accountOf(String accessKey) {
    if (ACCOUNT_KEY.matcher(accessKey).matches()) {
      return accessKey;
    }
    return temporary
        .find(accessKey)
        .map(TemporaryCredentials.Session::account)
        .orElse(defaultAccount);
  }

  private static Object field(Object request, String name) {
    for (SdkField<?> f : ((SdkPojo) request).sdkFields()) {
      if (f.locationName().equals(name)) {
        return f.getValueOrDefault(request);
      }
    }
    return null;
  }

  private static ApiResponse error(Protocol protocol, AwsException e, String requestId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    XmlEncoder.writeError(out, protocol, e, requestId);
    return new ApiResponse(e.status(), out.toByteArray(), requestId, e.code());
  }

  private static String shorten(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
