package dev.ec2double.wire;

import java.util.List;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.LocationTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * A request shaped like the SDK's generated ones, with one member marked required. The EC2 and
 * ELBv2 models in the SDK carry no RequiredTrait, so this is how the decoder's check is exercised.
 */
final class RequiredProbe {
  private static final SdkField<String> NAME =
      SdkField.<String>builder(MarshallingType.STRING)
          .memberName("Name")
          .getter(o -> ((RequiredProbe) o).name)
          .setter((b, v) -> ((Builder) b).name = v)
          .traits(
              LocationTrait.builder()
                  .location(MarshallLocation.PAYLOAD)
                  .locationName("Name")
                  .unmarshallLocationName("Name")
                  .build(),
              RequiredTrait.create())
          .build();

  private final String name;

  private RequiredProbe(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  static Builder builder() {
    return new Builder();
  }

  static final class Builder implements SdkPojo, SdkBuilder<Builder, RequiredProbe> {
    private String name;

    @Override
    public List<SdkField<?>> sdkFields() {
      return List.of(NAME);
    }

    @Override
    public RequiredProbe build() {
      return new RequiredProbe(name);
    }
  }
}
