package io.pipewright.sdk.internal.schedule;

import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.asset.AssetGraphView;
import io.pipewright.sdk.internal.Names;
import io.pipewright.sdk.schedule.AnySensorDefinition;
import io.pipewright.sdk.schedule.InstigatorDefinition;
import io.pipewright.sdk.schedule.RunStatusSensorDefinition;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates the schedules and sensors of a {@link Definitions} against its jobs and assets: names,
 * one shared namespace, targets, monitored jobs and minimum intervals. Every problem is returned,
 * so that the user sees them all at once.
 */
public final class InstigatorValidator {
  private InstigatorValidator() {}

  /**
   * Validates schedules and sensors.
   *
   * @param schedules the schedules, in the order added
   * @param sensors the sensors, in the order added
   * @param jobNames the names of the definitions' jobs
   * @param assets the asset graph, or null when it is invalid (then asset selections are not
   *     resolved: the graph's own problems are reported instead)
   * @return the problems; empty when all are valid
   */
  public static List<DefinitionError> validate(
      List<ScheduleDefinition> schedules,
      List<AnySensorDefinition> sensors,
      Set<String> jobNames,
      AssetGraphView assets) {
    List<DefinitionError> found = new ArrayList<>();
    List<InstigatorDefinition> all = new ArrayList<>(schedules);
    all.addAll(sensors);
    Map<String, InstigatorDefinition> byName = new HashMap<>();
    for (InstigatorDefinition instigator : all) {
      String element = element(instigator);
      if (!Names.isValid(instigator.name())) {
        found.add(new DefinitionError(element, "the name is not valid", Names.RULE));
      }
      InstigatorDefinition previous = byName.putIfAbsent(instigator.name(), instigator);
      if (previous != null) {
        found.add(
            new DefinitionError(
                element,
                "the " + kind(previous) + " '" + previous.name() + "' has this name too",
                "give each schedule and sensor its own name: they share one namespace"));
      }
      checkTarget(instigator, element, jobNames, assets, found);
      if (instigator instanceof AnySensorDefinition sensor) {
        checkInterval(sensor, element, found);
      }
      if (instigator instanceof RunStatusSensorDefinition runStatus) {
        for (String job : runStatus.monitoredJobs()) {
          if (!jobNames.contains(job)) {
            found.add(
                new DefinitionError(
                    element,
                    "it monitors job '" + job + "', which is not in these definitions",
                    "monitor one of the jobs "
                        + list(jobNames)
                        + ", or none to monitor every job"));
          }
        }
      }
    }
    return found;
  }

  private static void checkTarget(
      InstigatorDefinition instigator,
      String element,
      Set<String> jobNames,
      AssetGraphView assets,
      List<DefinitionError> found) {
    if (instigator.jobName().isPresent()) {
      String job = instigator.jobName().get();
      // The implicit asset job exists when there are assets; with a broken graph, give it the
      // benefit of the doubt (the graph's own problems are reported).
      boolean implicit =
          job.equals(Definitions.IMPLICIT_ASSET_JOB)
              && (assets == null || !assets.keys().isEmpty());
      if (!jobNames.contains(job) && !implicit) {
        found.add(
            new DefinitionError(
                element,
                "it targets job '" + job + "', which is not in these definitions",
                "add the job to the definitions, or target one of " + list(jobNames)));
      }
    } else if (instigator.assetSelection().isPresent()) {
      if (assets != null) {
        try {
          instigator.assetSelection().get().resolve(assets);
        } catch (IllegalArgumentException e) {
          found.add(
              new DefinitionError(
                  element + " > asset selection",
                  e.getMessage(),
                  "select assets that are in these definitions"));
        }
      }
    } else if (instigator instanceof ScheduleDefinition) {
      found.add(
          new DefinitionError(
              element,
              "the schedule has no target",
              "call job(name) or assets(selection) on its builder"));
    }
  }

  private static void checkInterval(
      AnySensorDefinition sensor, String element, List<DefinitionError> found) {
    Duration interval = sensor.minimumInterval();
    if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.getNano() != 0) {
      found.add(
          new DefinitionError(
              element,
              "its minimum interval is "
                  + interval
                  + ", but it must be a whole number of seconds, at least 1",
              "use minimumInterval(Duration.ofSeconds(n)) with n >= 1 (the default is 30"
                  + " seconds)"));
    }
  }

  private static String element(InstigatorDefinition instigator) {
    return kind(instigator) + " '" + instigator.name() + "'";
  }

  private static String kind(InstigatorDefinition instigator) {
    return instigator instanceof ScheduleDefinition ? "schedule" : "sensor";
  }

  private static String list(Set<String> jobNames) {
    return jobNames.isEmpty() ? "(there are no jobs)" : String.join(", ", jobNames);
  }
}
