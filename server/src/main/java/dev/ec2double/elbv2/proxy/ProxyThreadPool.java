package dev.ec2double.elbv2.proxy;

import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The listeners' thread pool. The proxy's handlers never block, so Jetty runs each request in the
 * selector thread that read it; what is left to the pool is resuming a client connection after its
 * response went out. That resumption only reads the next request (or finds none and waits for one
 * without blocking), so it runs at once in the thread that finished the response instead of waking
 * a pool thread: on a small machine the hand-over cost as much as the proxying. Every other task
 * goes to the pool as usual.
 */
final class ProxyThreadPool extends QueuedThreadPool {
  ProxyThreadPool() {
    super(1000, 4, 60_000);
    setName("alb");
    setDaemon(true);
  }

  @Override
  public void execute(Runnable job) {
    if (job instanceof HttpConnection connection
        && connection.getServer().getInvocationType() == InvocationType.NON_BLOCKING) {
      job.run();
      return;
    }
    super.execute(job);
  }
}
