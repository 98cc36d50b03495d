package io.pipewright.webserver.graphql.view;

import io.pipewright.core.event.AssetCheckEvaluationPayload;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EnginePayload;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.ExpectationPayload;
import io.pipewright.core.event.HandledOutputPayload;
import io.pipewright.core.event.HookPayload;
import io.pipewright.core.event.LoadedInputPayload;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.event.MaterializationPlannedPayload;
import io.pipewright.core.event.ObservationPayload;
import io.pipewright.core.event.ResourcePayload;
import io.pipewright.core.event.RunFailurePayload;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.event.StepInputPayload;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.event.StepRetryPayload;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.event.TypeCheckSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.view.EventViews.Context;
import java.util.List;

/**
 * EventViews.event as it was when each event was a map of its fields (before the views computed
 * fields on selection): the reference {@link EventViewsTest} compares the views with, field by
 * field, for every payload type.
 */
final class MapEventViews {

  private MapEventViews() {}

  /**
   * Returns an event.
   *
   * @param stored the event
   * @param jobName the run's job, for run events
   * @param context the run and step statistics, for asset events
   * @return the event object
   */
  static GqlObject event(StoredEvent stored, String jobName, Context context) {
    EventRecord event = stored.event();
    String typeName = EventViews.typeName(event);
    EventPayload payload = event.payload();
    String stepKey = event.stepKey();
    GqlObject object =
        GqlObject.of(typeName)
            .put("runId", event.runId())
            .put("message", event.message())
            .put("timestamp", Times.millis(event.timestamp()))
            .put("level", event.level().name())
            .put("stepKey", stepKey)
            .put("solidHandleID", stepKey == null ? null : handle(stepKey))
            .put(
                "eventType",
                event.type() == DagsterEventType.LOG_MESSAGE ? null : event.type().name())
            .put("pipelineName", jobName)
            .put("label", null)
            .put("description", null)
            .put("metadataEntries", MetadataViews.entries(metadata(payload)))
            .put("markerStart", null)
            .put("markerEnd", null)
            .put("error", error(payload) == null ? null : Errors.pythonError(error(payload)));
    if (payload instanceof StepFailurePayload failure) {
      object
          .put("errorSource", failure.errorSource() == null ? null : failure.errorSource().name())
          .put(
              "failureMetadata",
              failure.userFailureMetadata().isEmpty()
                  ? null
                  : GqlObject.of("FailureMetadata")
                      .put("label", null)
                      .put("description", null)
                      .put(
                          "metadataEntries", MetadataViews.entries(failure.userFailureMetadata())));
    } else if (payload instanceof StepRetryPayload retry) {
      object.put("secondsToWait", retry.secondsToWait());
    } else if (payload instanceof StepInputPayload input) {
      object
          .put("inputName", input.inputName())
          .put("typeCheck", typeCheck(input.inputName(), input.typeCheck()));
    } else if (payload instanceof StepOutputPayload output) {
      object
          .put("outputName", output.outputName())
          .put("typeCheck", typeCheck(output.outputName(), output.typeCheck()));
    } else if (payload instanceof LoadedInputPayload loaded) {
      object
          .put("inputName", loaded.inputName())
          .put("managerKey", loaded.managerKey())
          .put("upstreamOutputName", loaded.upstreamOutputName())
          .put("upstreamStepKey", loaded.upstreamStepKey());
    } else if (payload instanceof HandledOutputPayload handled) {
      object.put("outputName", handled.outputName()).put("managerKey", handled.managerKey());
    } else if (payload instanceof MaterializationPayload materialization) {
      asset(object, event, context)
          .put("assetKey", MetadataViews.assetKey(materialization.assetKey()))
          .put("partition", materialization.partition())
          .put("description", materialization.description());
    } else if (payload instanceof ObservationPayload observation) {
      asset(object, event, context)
          .put("assetKey", MetadataViews.assetKey(observation.assetKey()))
          .put("partition", observation.partition())
          .put("description", observation.description());
    } else if (payload instanceof MaterializationPlannedPayload planned) {
      object
          .put("assetKey", MetadataViews.assetKey(planned.assetKey()))
          .lazy("runOrError", env -> context.runOrError(event.runId()));
    } else if (payload instanceof ExpectationPayload expectation) {
      object.put(
          "expectationResult",
          GqlObject.of("ExpectationResult")
              .put("success", expectation.success())
              .put("label", expectation.label())
              .put("description", expectation.description())
              .put("metadataEntries", MetadataViews.entries(expectation.metadata())));
    } else if (payload instanceof AssetCheckEvaluationPayload check) {
      object
          .put("assetKey", MetadataViews.assetKey(check.assetKey()))
          .put("checkName", check.checkName())
          .put(
              "evaluation",
              GqlObject.of("AssetCheckEvaluation")
                  .put("timestamp", Times.seconds(event.timestamp()))
                  .put("checkName", check.checkName())
                  .put("assetKey", MetadataViews.assetKey(check.assetKey()))
                  .put("metadataEntries", MetadataViews.entries(check.metadata()))
                  .put("severity", check.severity() == null ? "ERROR" : check.severity().name())
                  .put("description", check.description())
                  .put("partition", check.partition())
                  .put("success", check.passed()));
    }
    if ("FailedToMaterializeEvent".equals(typeName)) {
      asset(object, event, context)
          .put("materializationFailureReason", "UNKNOWN")
          .put("materializationFailureType", "FAILED");
    }
    return object;
  }

  /** The step's handle: the key without a mapping key ({@code square[r1]} is {@code square}). */
  private static String handle(String stepKey) {
    int bracket = stepKey.indexOf('[');
    return bracket < 0 ? stepKey : stepKey.substring(0, bracket);
  }

  private static GqlObject asset(GqlObject object, EventRecord event, Context context) {
    return object
        .put("tags", List.of())
        .put("assetLineage", List.of())
        .lazy("runOrError", env -> context.runOrError(event.runId()))
        .lazy(
            "stepStats",
            env ->
                context.stepStats(event.runId(), event.stepKey() == null ? "" : event.stepKey()));
  }

  private static GqlObject typeCheck(String label, TypeCheckSnapshot check) {
    return GqlObject.of("TypeCheck")
        .put("label", label)
        .put("description", check.description())
        .put("metadataEntries", MetadataViews.entries(check.metadata()))
        .put("success", check.passed());
  }

  private static List<MetadataEntrySnapshot> metadata(EventPayload payload) {
    if (payload instanceof StepOutputPayload p) {
      return p.metadata();
    }
    if (payload instanceof LoadedInputPayload p) {
      return p.metadata();
    }
    if (payload instanceof HandledOutputPayload p) {
      return p.metadata();
    }
    if (payload instanceof MaterializationPayload p) {
      return p.metadata();
    }
    if (payload instanceof ObservationPayload p) {
      return p.metadata();
    }
    if (payload instanceof EnginePayload p) {
      return p.metadata();
    }
    return List.of();
  }

  private static ErrorSnapshot error(EventPayload payload) {
    if (payload instanceof StepFailurePayload p) {
      return p.error();
    }
    if (payload instanceof StepRetryPayload p) {
      return p.error();
    }
    if (payload instanceof RunFailurePayload p) {
      return p.error();
    }
    if (payload instanceof EnginePayload p) {
      return p.error();
    }
    if (payload instanceof ResourcePayload p) {
      return p.error();
    }
    if (payload instanceof HookPayload p) {
      return p.error();
    }
    return null;
  }
}
