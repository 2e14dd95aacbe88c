package dev.ec2double.elbv2.proxy;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * One forwarder per selector of the listener: a request goes to the forwarder of the selector its
 * client connection is on, whose target connections are on that selector too.
 */
final class Forwarders extends Handler.Sequence {
  Forwarders(ListenerConnector.Selectors selectors) {
    for (int i = 0; i < selectors.getSelectorCount(); i++) {
      addHandler(new TargetForwarder(selectors, i));
    }
  }

  /** Fixed forwarders that never block (a changeable sequence would say it may block). */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    return getHandlers()
        .get(ListenerConnector.selectorOf(request))
        .handle(request, response, callback);
  }
}
