package dev.ec2double.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps an AMI id onto a Docker image reference for the server of an {@link Ec2Test} class: {@code
 * RunInstances} with that {@code ImageId} starts a container from {@code image}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(Ami.List.class)
public @interface Ami {
  /** An AMI id, {@code ami-} and 8 to 17 hex digits. */
  String id();

  /** A Docker image reference, e.g. {@code ec2-double/debian:12}. */
  String image();

  /** The container of repeated {@link Ami} annotations. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Documented
  @Inherited
  @interface List {
    Ami[] value();
  }
}
