package dev.ec2double.wire;

import java.util.function.Supplier;

/**
 * A service object made on the first call of one of its actions: making every service at start
 * initialises its class, and with it the resource kinds, filter tables and SDK model classes it
 * holds, for the few actions a run calls.
 */
public final class LazyService<T> implements Supplier<T> {
  private final Class<T> type;
  private Supplier<? extends T> factory;
  private volatile T made;
  private boolean making;

  LazyService(Class<T> type, Supplier<? extends T> factory) {
    this.type = type;
    this.factory = factory;
  }

  /**
   * A service made once, on first use, that other lazily made services share: registered with
   * {@link OperationRegistry#register(Class, Supplier)}, it is made by the first call of its own
   * actions or of theirs.
   */
  public static <T> LazyService<T> of(Class<T> type, Supplier<? extends T> factory) {
    return new LazyService<>(type, factory);
  }

  Class<T> type() {
    return type;
  }

  @Override
  public T get() {
    T t = made;
    return t != null ? t : make();
  }

  private synchronized T make() {
    if (made == null) {
      if (making) {
        throw new IllegalStateException(type.getName() + " is asked for while it is being made");
      }
      making = true;
      try {
        made = type.cast(factory.get());
        factory = null;
      } finally {
        making = false;
      }
    }
    return made;
  }

  @Override
  public String toString() {
    return type.getSimpleName() + (made == null ? " (not made yet)" : "");
  }
}
