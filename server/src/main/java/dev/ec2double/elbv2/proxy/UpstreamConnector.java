package dev.ec2double.elbv2.proxy;

import java.net.SocketAddress;
import java.util.Map;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.SelectorManager;

/** Connects to targets on one of the listener's own selectors instead of selectors of its own. */
final class UpstreamConnector extends ClientConnector {
  private final ListenerConnector.Selectors selectors;
  private final int index;

  UpstreamConnector(ListenerConnector.Selectors selectors, int index) {
    this.selectors = selectors;
    this.index = index;
  }

  @Override
  protected SelectorManager newSelectorManager() {
    return selectors;
  }

  @Override
  public void connect(SocketAddress address, Map<String, Object> context) {
    selectors.connectOn(index, () -> super.connect(address, context));
  }
}
