package dev.ec2double.wire;

import java.util.function.Supplier;

/**
 * A service object made on the first call of one of its actions: making every service at start
 * initialises its class, and with it the resource kinds, filter tables and SDK model classes it
 * holds, for the few actions a run calls. It is known by its class's name until then, so that not
 * even its class is loaded.
 */
public final class LazyService<T> implements Supplier<T> {
  private final String className;
  private Supplier<? extends T> factory;
  private volatile T made;
  private boolean making;

  LazyService(String className, Supplier<? extends T> factory) {
    this.className = className;
    this.factory = factory;
  }

  /**
   * A service made once, on first use, that other lazily made services share: registered with
   * {@link OperationRegistry#register(String, Supplier)}, it is made by the first call of its own
   * actions or of theirs.
   */
  public static <T> LazyService<T> of(String className, Supplier<? extends T> factory) {
    return new LazyService<>(className, factory);
  }

  String className() {
    return className;
  }

  @Override
  public T get() {
    T t = made;
    return t != null ? t : make();
  }

  private synchronized T make() {
    if (made == null) {
      if (making) {
        throw new IllegalStateException(className + " is asked for while it is being made");
      }
      making = true;
      try {
        T t = factory.get();
        if (!t.getClass().getName().equals(className)) {
          throw new IllegalStateException(
              "registered as " + className + " but made a " + t.getClass().getName());
        }
        made = t;
        factory = null;
      } finally {
        making = false;
      }
    }
    return made;
  }

  @Override
  public String toString() {
    return className + (made == null ? " (not made yet)" : "");
  }
}
