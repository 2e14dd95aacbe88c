package dev.ec2double.elbv2.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A TCP health check: the target passes when a connection to it opens within the timeout (then it
 * is closed at once), as an NLB's TCP health check does. Asynchronous: no thread waits.
 */
final class TcpProbe {
  /** How a probe ended. */
  enum Outcome {
    CONNECTED,
    REFUSED,
    TIMED_OUT
  }

  private TcpProbe() {}

  static void probe(
      String address,
      int port,
      int timeoutSeconds,
      ScheduledExecutorService timer,
      Consumer<Outcome> done) {
    AsynchronousSocketChannel channel;
    try {
      channel = AsynchronousSocketChannel.open();
    } catch (IOException e) {
      done.accept(Outcome.REFUSED);
      return;
    }
    AtomicBoolean finished = new AtomicBoolean();
    ScheduledFuture<?> timeout =
        timer.schedule(
            () -> {
              if (finished.compareAndSet(false, true)) {
                closeQuietly(channel);
                done.accept(Outcome.TIMED_OUT);
              }
            },
            timeoutSeconds,
            TimeUnit.SECONDS);
    channel.connect(
        new InetSocketAddress(address, port),
        null,
        new CompletionHandler<Void, Void>() {
          @Override
          public void completed(Void result, Void attachment) {
            end(Outcome.CONNECTED);
          }

          @Override
          public void failed(Throwable exc, Void attachment) {
            end(Outcome.REFUSED);
          }

          private void end(Outcome outcome) {
            closeQuietly(channel);
            if (finished.compareAndSet(false, true)) {
              timeout.cancel(false);
              done.accept(outcome);
            }
          }
        });
  }

  private static void closeQuietly(AsynchronousSocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
