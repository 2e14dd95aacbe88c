package dev.ec2double.ec2.images;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The AMIs one account registered or created in one region. */
public final class ImageStore implements java.io.Serializable {
  private final Map<String, ImageRecord> byId = new ConcurrentHashMap<>();

  public void put(ImageRecord image) {
    byId.put(image.imageId(), image);
  }

  public ImageRecord get(String id) {
    return byId.get(id);
  }

  public void remove(String id) {
    byId.remove(id);
  }

  public Collection<ImageRecord> all() {
    return byId.values();
  }
}
