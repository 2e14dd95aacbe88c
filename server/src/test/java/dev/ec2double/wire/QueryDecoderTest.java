package dev.ec2double.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.protocols.query.AwsQueryProtocolFactory;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.transform.DescribeLoadBalancersRequestMarshaller;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

class QueryDecoderTest {
  private final QueryDecoder ec2 = new QueryDecoder(Protocol.EC2);
  private final QueryDecoder query = new QueryDecoder(Protocol.QUERY);

  @Test
  void readsEc2FlattenedListsOfStructuresIntoRunInstances() {
    RunInstancesRequest r =
        decode(
            ec2,
            RunInstancesRequest::builder,
            "ImageId=ami-12345678&MinCount=1&MaxCount=3&InstanceType=t3.micro"
                + "&TagSpecification.1.ResourceType=instance"
                + "&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web%20one"
                + "&TagSpecification.1.Tag.2.Key=team&TagSpecification.1.Tag.2.Value="
                + "&BlockDeviceMapping.1.DeviceName=%2Fdev%2Fxvda"
                + "&BlockDeviceMapping.1.Ebs.VolumeSize=30"
                + "&BlockDeviceMapping.1.Ebs.DeleteOnTermination=true"
                + "&SecurityGroupId.1=sg-1&SecurityGroupId.2=sg-2"
                + "&UserData=IyEvYmluL3NoCg%3D%3D&EbsOptimized=false");

    assertThat(r.imageId()).isEqualTo("ami-12345678");
    assertThat(r.minCount()).isEqualTo(1);
    assertThat(r.maxCount()).isEqualTo(3);
    assertThat(r.instanceTypeAsString()).isEqualTo("t3.micro");
    assertThat(r.tagSpecifications()).hasSize(1);
    assertThat(r.tagSpecifications().get(0).resourceType()).isEqualTo(ResourceType.INSTANCE);
    assertThat(r.tagSpecifications().get(0).tags())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("Name=web one", "team=");
    assertThat(r.blockDeviceMappings().get(0).deviceName()).isEqualTo("/dev/xvda");
    assertThat(r.blockDeviceMappings().get(0).ebs().volumeSize()).isEqualTo(30);
    assertThat(r.blockDeviceMappings().get(0).ebs().deleteOnTermination()).isTrue();
    assertThat(r.securityGroupIds()).containsExactly("sg-1", "sg-2");
    assertThat(r.userData()).isEqualTo("IyEvYmluL3NoCg==");
    assertThat(r.ebsOptimized()).isFalse();
  }

  @Test
  void ordersListItemsByTheirNumberNotTheirText() {
    DescribeInstancesRequest r =
        decode(
            ec2,
            DescribeInstancesRequest::builder,
            "Filter.1.Name=tag%3AName&Filter.1.Value.10=j&Filter.1.Value.2=b&Filter.1.Value.1=a"
                + "&Filter.2.Name=instance-state-name&Filter.2.Value.1=running"
                + "&InstanceId.2=i-2&InstanceId.1=i-1&MaxResults=5");

    assertThat(r.filters()).hasSize(2);
    assertThat(r.filters().get(0).name()).isEqualTo("tag:Name");
    assertThat(r.filters().get(0).values()).containsExactly("a", "b", "j");
    assertThat(r.filters().get(1).values()).containsExactly("running");
    assertThat(r.instanceIds()).containsExactly("i-1", "i-2");
    assertThat(r.maxResults()).isEqualTo(5);
  }

  @Test
  void readsQueryProtocolMemberListsIntoElbv2Requests() {
    DescribeLoadBalancersRequest r =
        decode(
            query,
            DescribeLoadBalancersRequest::builder,
            "Names.member.1=alb-a&Names.member.2=alb-b&PageSize=10&Marker=m1");

    assertThat(r.names()).containsExactly("alb-a", "alb-b");
    assertThat(r.pageSize()).isEqualTo(10);
    assertThat(r.marker()).isEqualTo("m1");
  }

  @Test
  void readsTheEmptyListTheSdkSendsForTheQueryProtocol() {
    DescribeLoadBalancersRequest sent =
        DescribeLoadBalancersRequest.builder().names(List.of()).build();
    String form = marshalElbv2(sent);
    assertThat(form).contains("Names=");

    DescribeLoadBalancersRequest r = decode(query, DescribeLoadBalancersRequest::builder, form);

    assertThat(r).isEqualTo(sent);
    assertThat(r.hasNames()).isTrue();
  }

  @Test
  void readsTimestampsInIsoAndEpochForms() {
    Instant expected = Instant.parse("2024-01-02T03:04:05Z");

    assertThat(startTime("2024-01-02T03%3A04%3A05Z")).isEqualTo(expected);
    assertThat(startTime("2024-01-02T03%3A04%3A05.000Z")).isEqualTo(expected);
    assertThat(startTime("2024-01-02T05%3A04%3A05%2B02%3A00")).isEqualTo(expected);
    assertThat(startTime("1704164645")).isEqualTo(expected);
  }

  @Test
  void readsBase64BlobsAsBytes() {
    ImportKeyPairRequest r =
        decode(
            ec2,
            ImportKeyPairRequest::builder,
            "KeyName=k&PublicKeyMaterial=c3NoLXJzYSBBQUFB%0AQg%3D%3D");

    assertThat(r.publicKeyMaterial()).isEqualTo(SdkBytes.fromUtf8String("ssh-rsa AAAAB"));
  }

  @Test
  void refusesParametersTheEc2ModelDoesNotHave() {
    assertUnknown(DescribeInstancesRequest::builder, "Colour=red&InstanceId.1=i-1", "Colour");
    assertUnknown(DescribeInstancesRequest::builder, "InstanceId.x=odd", "InstanceId.x");
    assertUnknown(
        DescribeInstancesRequest::builder,
        "Filter.1.Name=n&Filter.1.Shape=round",
        "Filter.1.Shape");
    assertUnknown(RunInstancesRequest::builder, "ImageId.Extra=1&ImageId=ami-1", "ImageId.Extra");
    // DescribeKeyPairs has no MaxResults: refused before its value is read
    assertUnknown(
        software.amazon.awssdk.services.ec2.model.DescribeKeyPairsRequest::builder,
        "MaxResults=abc",
        "MaxResults");
  }

  @Test
  void takesTheCommonParametersOfEverySignatureScheme() {
    DescribeInstancesRequest r =
        decode(
            ec2,
            DescribeInstancesRequest::builder,
            "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-1"
                + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a&X-Amz-Date=d"
                + "&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=s"
                + "&X-Amz-Security-Token=t&AWSAccessKeyId=a&SignatureMethod=HmacSHA256"
                + "&SignatureVersion=2&Signature=s&Timestamp=t&Expires=e&SecurityToken=t");

    assertThat(r).isEqualTo(DescribeInstancesRequest.builder().instanceIds("i-1").build());
  }

  @Test
  void ignoresUnknownParametersOnElbv2AsAwsQueryServicesDo() {
    DescribeLoadBalancersRequest r =
        decode(query, DescribeLoadBalancersRequest::builder, "Colour=red&PageSize=5");

    assertThat(r).isEqualTo(DescribeLoadBalancersRequest.builder().pageSize(5).build());
  }

  private void assertUnknown(Supplier<?> builder, String form, String name) {
    assertThatThrownBy(() -> decode(ec2, builder, form))
        .isInstanceOf(AwsException.class)
        .hasMessage("The parameter " + name + " is not recognized")
        .extracting(e -> ((AwsException) e).code())
        .isEqualTo("UnknownParameter");
  }

  @Test
  void rejectsValuesOfTheWrongType() {
    assertInvalid(DescribeInstancesRequest::builder, "MaxResults=abc", "MaxResults", "abc");
    assertInvalid(DescribeInstancesRequest::builder, "MaxResults=99999999999", "MaxResults");
    assertInvalid(DescribeInstancesRequest::builder, "MaxResults=1.5", "MaxResults");
    assertInvalid(DescribeInstancesRequest::builder, "DryRun=yes", "DryRun", "boolean");
    assertInvalid(DescribeSpotPriceHistoryRequest::builder, "StartTime=yesterday", "StartTime");
    assertInvalid(DescribeSpotPriceHistoryRequest::builder, "StartTime=NaN", "StartTime");
    assertInvalid(
        ImportKeyPairRequest::builder, "PublicKeyMaterial=%21%21%21", "PublicKeyMaterial");
  }

  @Test
  void rejectsAListSentAsOneValueOrNumberedFromZero() {
    assertInvalid(DescribeInstancesRequest::builder, "InstanceId=i-1", "InstanceId.1");
    assertInvalid(DescribeInstancesRequest::builder, "InstanceId.0=i-1", "start at 1");
    assertInvalid(
        DescribeInstancesRequest::builder, "Filter.1.Value.1.Deeper=x", "Filter.1.Value.1");
  }

  @Test
  void rejectsAMissingRequiredParameterWithMissingParameter() {
    assertThatThrownBy(() -> decode(ec2, RequiredProbe::builder, "Version=2016-11-15"))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("MissingParameter");
              assertThat(e.getMessage()).contains("Name");
            });

    RequiredProbe ok = decode(ec2, RequiredProbe::builder, "Name=n");
    assertThat(ok.name()).isEqualTo("n");
  }

  private Instant startTime(String raw) {
    DescribeSpotPriceHistoryRequest r =
        decode(ec2, DescribeSpotPriceHistoryRequest::builder, "StartTime=" + raw);
    return r.startTime();
  }

  private void assertInvalid(Supplier<?> builder, String form, String... messageParts) {
    assertThatThrownBy(() -> decode(ec2, builder, form))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidParameterValue");
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains(messageParts);
            });
  }

  @SuppressWarnings("unchecked")
  static <T> T decode(QueryDecoder decoder, Supplier<?> builder, String form) {
    Map<String, String> params = new HashMap<>();
    FormParams.parse(form, params);
    return (T) decoder.decodeRequest(() -> (SdkPojo) builder.get(), ParamTree.of(params));
  }

  private static String marshalElbv2(DescribeLoadBalancersRequest request) {
    var factory =
        AwsQueryProtocolFactory.builder()
            .clientConfiguration(
                SdkClientConfiguration.builder()
                    .option(SdkClientOption.ENDPOINT, URI.create("http://127.0.0.1"))
                    .build())
            .build();
    var http = new DescribeLoadBalancersRequestMarshaller(factory).marshall(request);
    return SdkHttpUtils.encodeAndFlattenFormData(http.rawQueryParameters()).orElse("");
  }
}
