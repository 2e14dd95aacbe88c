package dev.ec2double.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against an in-process ec2-double server on a free port, and injects ready
 * {@code Ec2Client}, {@code ElasticLoadBalancingV2Client} and {@link Ec2DoubleRuntimeInfo}
 * parameters. Classes asking for the same configuration share one server, which stops when JUnit
 * finishes. AMI mappings are added with {@link Ami} on the same class.
 *
 * <p>For options set in code, register {@link Ec2DoubleExtension#builder()} with
 * {@code @RegisterExtension} instead; do not use both on one class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(Ec2DoubleExtension.class)
public @interface Ec2Test {
  /** Where instances run: a Docker engine, records only, or docker when an engine answers. */
  Backend backend() default Backend.AUTO;

  /** The region the injected clients sign for. */
  String region() default "us-east-1";

  /** Whether state is kept across the test methods of the class or emptied before each. */
  Isolation isolation() default Isolation.PER_CLASS;

  /**
   * Whether a failed test prints the API calls made while it ran (time, action, status, AWS error
   * code and message, latency), from the server's request log (docs/dashboard.md). On a server
   * shared with test classes that run at the same time, their calls are listed too.
   */
  boolean printRequestsOnFailure() default false;
}
