package dev.ec2double.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * This module's tests have no SLF4J provider, as a user's project may not: the server's start must
 * not print Javalin's logger banner (the server says once, in one line, what is lost instead).
 */
class NoLoggerTest {
  @Test
  void anEmbeddedServerPrintsNoJavalinBanner() {
    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(NOPLoggerFactory.class);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      new Ec2DoubleServer(ServerConfig.builder().port(0).backend("mock").build()).start().close();
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .doesNotContain("Javalin")
        .doesNotContain("#####");
  }
}
