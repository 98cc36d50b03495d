package io.pipewright.core.launch;

/** A subscription to a {@link StepLauncher}'s statuses; closing it stops the deliveries. */
public interface StatusWatch extends AutoCloseable {

  /** Stops delivering statuses to this watch's listener; closing twice does nothing. */
  @Override
  void close();
}
