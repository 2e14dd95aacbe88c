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
 * This module's tests have no SLF4J provider, as a user's project may not: a server's start prints
 * nothing but, once per JVM, the one line that says what is lost (no banner, no stack trace).
 */
class NoLoggerTest {
  @Test
  void anEmbeddedServerPrintsAtMostTheNotice() {
    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(NOPLoggerFactory.class);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      new Ec2DoubleServer(ServerConfig.builder().port(0).backend("mock").build()).start().close();
    } finally {
      System.setErr(err);
    }
    String printed = captured.toString(StandardCharsets.UTF_8).strip();
    if (!printed.isEmpty()) { // another test of this JVM may have started a server first
      assertThat(printed)
          .startsWith("ec2-double: no SLF4J provider on the classpath")
          .contains("docs/junit5.md#logging")
          .doesNotContain("\n");
    }
  }
}
