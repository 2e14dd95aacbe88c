package dev.ec2double.ec2.launchtemplates;

import dev.ec2double.core.RegionState;
import dev.ec2double.ec2.imagesettings.TemplateImages;
import java.util.ArrayList;
import java.util.List;

/** The image settings' view of launch templates: the AMIs their versions name. */
public final class TemplateImageIndex implements TemplateImages {
  @Override
  public List<Template> templates(RegionState state) {
    // another account's state is only read: no store is made where there is none
    LaunchTemplateStore store = state.existingPart(LaunchTemplateStore.class);
    List<Template> out = new ArrayList<>();
    if (store == null) {
      return out;
    }
    synchronized (store) {
      for (LaunchTemplateStore.Template t : store.byId.values()) {
        List<Version> versions = new ArrayList<>();
        for (LaunchTemplateStore.Version v : t.versions.descendingMap().values()) {
          versions.add(new Version(v.number(), v.data() == null ? null : v.data().imageId()));
        }
        out.add(new Template(t.id, t.name, versions));
      }
    }
    return out;
  }

  @Override
  public Resolved resolve(RegionState state, String id, String name, String version) {
    LaunchTemplateStore store = LaunchTemplateStore.of(state);
    synchronized (store) {
      LaunchTemplateStore.Template t = TemplateLookup.find(state, id, name);
      return new Resolved(t.id, t.name, TemplateLookup.version(t, version).number());
    }
  }
}
