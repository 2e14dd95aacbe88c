package dev.ec2double.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSessionListener;

class WarmUpTest {
  @Test
  void theLauncherFindsTheWarmUp() {
    assertThat(ServiceLoader.load(LauncherSessionListener.class))
        .anySatisfy(l -> assertThat(l).isInstanceOf(WarmUp.class));
  }

  @Test
  void aPropertyTurnsItOff() {
    String before = System.getProperty(WarmUp.PROPERTY);
    try {
      System.setProperty(WarmUp.PROPERTY, "false");
      assertThat(WarmUp.enabled()).isFalse();
      System.setProperty(WarmUp.PROPERTY, "true");
      assertThat(WarmUp.enabled()).isTrue();
      System.clearProperty(WarmUp.PROPERTY);
      assertThat(WarmUp.enabled()).isTrue();
    } finally {
      if (before != null) {
        System.setProperty(WarmUp.PROPERTY, before);
      }
    }
  }

  @Test
  void itRunsOnceAndLeavesNoPortOpen() {
    WarmUp.begin(); // under a launcher it has begun already: then this is a no-op
    WarmUp.awaitIfRunning();
    assertThat(WarmUp.finished()).isTrue();
    assertThat(WarmUp.port).isPositive(); // it did start a server
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), WarmUp.port).close())
        .isInstanceOf(ConnectException.class);
  }
}
