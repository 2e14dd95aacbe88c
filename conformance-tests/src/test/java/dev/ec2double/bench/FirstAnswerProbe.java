package dev.ec2double.bench;

import dev.ec2double.junit.Backend;
import dev.ec2double.junit.Ec2DoubleRuntimeInfo;
import dev.ec2double.junit.Ec2Test;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What {@link JUnitStart} runs through the launcher: a class of the JUnit extension's (mock
 * backend) whose one test asks the server once. Not a test of the suite (its name matches no
 * pattern the build runs).
 */
@ExtendWith(
    FirstAnswerProbe.Clock.class) // registered before the extension: its beforeAll runs first
@Ec2Test(backend = Backend.MOCK)
class FirstAnswerProbe {
  static volatile long extensionStart;
  static volatile long firstAnswer;

  /** Notes when the class's extensions start, the server's start among them. */
  static final class Clock implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      extensionStart = System.nanoTime();
    }
  }

  @Test
  void asksOnce(Ec2DoubleRuntimeInfo ec2) throws Exception {
    Post.call(ec2.endpoint() + "/", "Action=DescribeRegions&Version=2016-11-15");
    firstAnswer = System.nanoTime();
  }
}
