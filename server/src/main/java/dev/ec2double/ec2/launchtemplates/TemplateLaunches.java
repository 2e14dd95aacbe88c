package dev.ec2double.ec2.launchtemplates;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instances.LaunchFromTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * RunInstances with a LaunchTemplate: the version it names ({@code $Default} when none), merged
 * under the request ({@link TemplateMerge}), launched like any request; the instances then carry
 * the {@code aws:ec2launchtemplate:id} and {@code aws:ec2launchtemplate:version} tags EC2 adds.
 */
public final class TemplateLaunches implements LaunchFromTemplate {
  static final String ID_TAG = "aws:ec2launchtemplate:id";
  static final String VERSION_TAG = "aws:ec2launchtemplate:version";

  /**
   * The request as it would be launched: the template's version merged under it (AWS's errors when
   * the template or version is not there).
   */
  public RunInstancesRequest merged(RequestContext ctx, RunInstancesRequest req) {
    LaunchTemplateSpecification spec = req.launchTemplate();
    LaunchTemplateStore store = LaunchTemplateStore.of(ctx.state());
    synchronized (store) {
      var t = TemplateLookup.find(ctx.state(), spec.launchTemplateId(), spec.launchTemplateName());
      return TemplateMerge.launch(TemplateLookup.version(t, spec.version()).data(), req);
    }
  }

  @Override
  public RunInstancesResponse launch(
      RequestContext ctx,
      RunInstancesRequest req,
      Function<RunInstancesRequest, RunInstancesResponse> run) {
    LaunchTemplateSpecification spec = req.launchTemplate();
    String templateId;
    long version;
    RequestLaunchTemplateData data;
    LaunchTemplateStore store = LaunchTemplateStore.of(ctx.state());
    synchronized (store) {
      var t = TemplateLookup.find(ctx.state(), spec.launchTemplateId(), spec.launchTemplateName());
      var v = TemplateLookup.version(t, spec.version());
      templateId = t.id;
      version = v.number();
      data = v.data();
    }
    RunInstancesResponse response = run.apply(TemplateMerge.launch(data, req));
    List<Tag> tags =
        List.of(
            Tag.builder().key(ID_TAG).value(templateId).build(),
            Tag.builder().key(VERSION_TAG).value(String.valueOf(version)).build());
    ctx.tags().addSystem(response.instances().stream().map(Instance::instanceId).toList(), tags);
    List<Instance> tagged = new ArrayList<>();
    for (Instance i : response.instances()) {
      List<Tag> all = new ArrayList<>(i.tags());
      all.addAll(tags);
      tagged.add(i.toBuilder().tags(all).build());
    }
    return response.toBuilder().instances(tagged).build();
  }
}
