package io.pipewright.daemon.launch.k8s;

import io.pipewright.daemon.orchestrator.LaunchRequests;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which container image a run's step pods run: a pure decision.
 *
 * <p>The image is the code location's own, from its snapshot: the location's server names it
 * ({@code pipewright.code-location.image}) in every execution plan it answers, and the webserver
 * (or the daemon's run submitter) stores that plan with the run. Taking it from the run's stored
 * plan, not from the location's current snapshot, makes it deterministic and restart-safe: every
 * attempt of a run, retries and a restarted daemon's included, runs the image the run was planned
 * with, even after the location was redeployed. The daemon's {@code
 * pipewright.daemon.locations.<name>.image} is the fallback for plans that name none (a server
 * started without an image, plans stored before plans carried it). With neither, the attempt cannot
 * be launched, and the reason says what to set.
 */
public final class StepImages {

  /** The daemon's configuration key of a location's fallback image, before the location name. */
  public static final String CONFIG_PREFIX = "pipewright.daemon.locations.";

  private StepImages() {}

  /** Where the chosen image came from. */
  public enum Source {
    /** The run's stored execution plan (the location's snapshot when the run was planned). */
    SNAPSHOT,
    /** The daemon's {@code locations.<name>.image}. */
    CONFIGURATION
  }

  /**
   * The outcome: an image and where it came from, or why there is none.
   *
   * @param image the image; null when there is none
   * @param source where it came from; null when there is none
   * @param problem why there is none, with what to set; null when there is one
   */
  public record Choice(String image, Source source, String problem) {

    /** Checks that exactly one of image and problem is given. */
    public Choice {
      if ((image == null) == (problem == null) || (image == null) != (source == null)) {
        throw new IllegalArgumentException(
            "A choice has an image and its source, or a problem: " + image + ", " + problem);
      }
    }

    /**
     * Whether there is an image.
     *
     * @return true when {@link #image()} is set
     */
    public boolean found() {
      return image != null;
    }

    /**
     * The image, or the problem as an exception.
     *
     * @return the image
     * @throws IllegalArgumentException with the problem when there is no image
     */
    public String orElseThrow() {
      if (image == null) {
        throw new IllegalArgumentException(problem);
      }
      return image;
    }
  }

  /**
   * Chooses the image of a run's step pods.
   *
   * @param location the run's code location
   * @param job the run's job, for the message
   * @param fromPlan the image the run's stored plan names; null or blank for none
   * @param configured the daemon's {@code locations.<location>.image}; null or blank for none
   * @return the plan's image, else the configured one, else the problem
   */
  public static Choice choose(String location, String job, String fromPlan, String configured) {
    Objects.requireNonNull(location, "location must not be null");
    if (fromPlan != null && !fromPlan.isBlank()) {
      return new Choice(fromPlan.strip(), Source.SNAPSHOT, null);
    }
    if (configured != null && !configured.isBlank()) {
      return new Choice(configured.strip(), Source.CONFIGURATION, null);
    }
    return new Choice(
        null,
        null,
        "No container image for the step pods of code location '"
            + location
            + "' (job '"
            + job
            + "'): the run's execution plan names none, because the location's code location"
            + " server runs without pipewright.code-location.image (or PIPEWRIGHT_CURRENT_IMAGE),"
            + " and this daemon has no "
            + CONFIG_PREFIX
            + location
            + ".image. Set the image on the code location server (the image it runs; plans name"
            + " it from then on, so launch the run again), or set "
            + CONFIG_PREFIX
            + location
            + ".image on the daemon.");
  }

  /**
   * The chooser the daemon's launch requests use, over the daemon's configured images.
   *
   * @param configured the configured image of a location, null when none
   * @return the chooser: the image, or {@link IllegalArgumentException} with the problem
   */
  public static LaunchRequests.ImageChooser over(Function<String, String> configured) {
    Objects.requireNonNull(configured, "configured must not be null");
    return (location, job, fromPlan) ->
        choose(location, job, fromPlan, configured.apply(location)).orElseThrow();
  }
}
