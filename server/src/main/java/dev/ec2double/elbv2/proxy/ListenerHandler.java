package dev.ec2double.elbv2.proxy;

import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.ListenerRecord;
import dev.ec2double.elbv2.LoadBalancerRecord;
import dev.ec2double.elbv2.RuleRecord;
import dev.ec2double.elbv2.TargetAddresses;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;

/**
 * One listener's front door: evaluates its rules in priority order (the default actions last) on
 * every request, reading the configuration live, and answers redirect and fixed-response actions
 * itself; forward actions go on to the proxy with the target chosen.
 */
final class ListenerHandler extends Handler.Wrapper {
  private final Elbv2Store store;
  private final TargetAddresses addresses;
  private final String listenerArn;

  ListenerHandler(
      Elbv2Store store, TargetAddresses addresses, String listenerArn, Handler forwarder) {
    super(forwarder);
    this.store = store;
    this.addresses = addresses;
    this.listenerArn = listenerArn;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    ListenerRecord listener = store.listeners.get(listenerArn);
    LoadBalancerRecord lb =
        listener == null ? null : store.loadBalancers.get(listener.sdk().loadBalancerArn());
    if (lb == null) {
      ErrorPages.write(response, callback, 503);
      return true;
    }
    RequestView view = view(request);
    List<Action> actions = listener.sdk().defaultActions();
    for (RuleRecord rule : store.rulesOf(listenerArn)) {
      if (RuleMatcher.matches(rule.sdk().conditions(), view)) {
        actions = rule.sdk().actions();
        break;
      }
    }
    Action action = first(actions);
    int listenerPort = listener.sdk().port();
    switch (action.typeAsString()) {
      case "forward" -> {
        TargetPicker.Choice choice =
            TargetPicker.pick(store, addresses, action, name -> cookie(request, name));
        if (choice == null) {
          ErrorPages.write(response, callback, 503);
          return true;
        }
        request.setAttribute(
            TargetForwarder.DESTINATION,
            new Destination(
                choice.address(),
                choice.target().port,
                listenerPort,
                lb.attributes.get("routing.http.xff_header_processing.mode"),
                "true".equals(lb.attributes.get("routing.http.xff_client_port.enabled")),
                Integer.parseInt(lb.attributes.get("idle_timeout.timeout_seconds")),
                choice.setCookies(),
                listener.sdk().mutualAuthentication() == null
                    ? "off"
                    : listener.sdk().mutualAuthentication().mode()));
        return super.handle(request, response, callback);
      }
      case "redirect" -> {
        int status = action.redirectConfig().statusCodeAsString().equals("HTTP_301") ? 301 : 302;
        String location =
            Redirects.location(
                action.redirectConfig(),
                request.isSecure() ? "https" : "http",
                view.host(),
                listenerPort,
                view.path(),
                view.rawQuery());
        byte[] body = ErrorPages.page(status).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.SERVER, ErrorPages.SERVER);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
      }
      case "fixed-response" -> {
        FixedResponseActionConfig fixed = action.fixedResponseConfig();
        byte[] body =
            fixed.messageBody() == null
                ? new byte[0]
                : fixed.messageBody().getBytes(StandardCharsets.UTF_8);
        response.setStatus(Integer.parseInt(fixed.statusCode()));
        if ("true".equals(listener.attributes.get("routing.http.response.server.enabled"))) {
          response.getHeaders().put(HttpHeader.SERVER, ErrorPages.SERVER);
        }
        if (fixed.contentType() != null) {
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, fixed.contentType());
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
      }
      default -> {
        ErrorPages.write(response, callback, 500);
        return true;
      }
    }
  }

  /** The action with the lowest order (the one that decides the response). */
  private static Action first(List<Action> actions) {
    Action first = actions.get(0);
    for (Action a : actions) {
      if (order(a) < order(first)) {
        first = a;
      }
    }
    return first;
  }

  private static int order(Action a) {
    return a.order() == null ? Integer.MAX_VALUE : a.order();
  }

  private static RequestView view(Request request) {
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host == null) {
      host = "";
    } else if (host.startsWith("[")) {
      int end = host.indexOf(']');
      host = end > 0 ? host.substring(0, end + 1) : host;
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    return new RequestView(
        request.getMethod(),
        request.getHttpURI().getPath(),
        request.getHttpURI().getQuery(),
        host,
        name -> request.getHeaders().getValuesList(name),
        Request.getRemoteAddr(request));
  }

  private static String cookie(Request request, String name) {
    List<HttpCookie> cookies = Request.getCookies(request);
    for (HttpCookie c : cookies) {
      if (c.getName().equals(name)) {
        return c.getValue();
      }
    }
    return null;
  }
}
