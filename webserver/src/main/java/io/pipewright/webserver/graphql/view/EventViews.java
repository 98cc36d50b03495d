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
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Stored events as Dagster's run events: one {@code DagsterRunEvent} type per event type, with the
 * fields of the interfaces it implements ({@code MessageEvent} always; {@code StepEvent}, {@code
 * RunEvent}, {@code ErrorEvent}, {@code DisplayableEvent}, {@code MarkerEvent} as Dagster's type
 * does) filled from the event's payload.
 *
 * <p>An event whose type needs a payload it does not carry (an object store operation, captured
 * logs) is shown as an {@code EngineEvent}, keeping its {@code eventType} and message.
 */
public final class EventViews {

  /** What events need from elsewhere: the run and a step's statistics, for asset events. */
  public interface Context {

    /**
     * Returns a run as a {@code RunOrError}.
     *
     * @param runId the run
     * @return the run, or its not-found error
     */
    GqlObject runOrError(String runId);

    /**
     * Returns a step's statistics.
     *
     * @param runId the run
     * @param stepKey the step
     * @return the {@code RunStepStats}
     */
    GqlObject stepStats(String runId, String stepKey);
  }

  private static final Map<DagsterEventType, String> TYPE_NAMES =
      new EnumMap<>(DagsterEventType.class);

  static {
    TYPE_NAMES.put(DagsterEventType.STEP_START, "ExecutionStepStartEvent");
    TYPE_NAMES.put(DagsterEventType.STEP_SUCCESS, "ExecutionStepSuccessEvent");
    TYPE_NAMES.put(DagsterEventType.STEP_FAILURE, "ExecutionStepFailureEvent");
    TYPE_NAMES.put(DagsterEventType.STEP_SKIPPED, "ExecutionStepSkippedEvent");
    TYPE_NAMES.put(DagsterEventType.STEP_UP_FOR_RETRY, "ExecutionStepUpForRetryEvent");
    TYPE_NAMES.put(DagsterEventType.STEP_RESTARTED, "ExecutionStepRestartEvent");
    TYPE_NAMES.put(DagsterEventType.STEP_INPUT, "ExecutionStepInputEvent");
    TYPE_NAMES.put(DagsterEventType.STEP_OUTPUT, "ExecutionStepOutputEvent");
    TYPE_NAMES.put(DagsterEventType.LOADED_INPUT, "LoadedInputEvent");
    TYPE_NAMES.put(DagsterEventType.HANDLED_OUTPUT, "HandledOutputEvent");
    TYPE_NAMES.put(DagsterEventType.ASSET_MATERIALIZATION, "MaterializationEvent");
    TYPE_NAMES.put(DagsterEventType.ASSET_OBSERVATION, "ObservationEvent");
    TYPE_NAMES.put(
        DagsterEventType.ASSET_MATERIALIZATION_PLANNED, "AssetMaterializationPlannedEvent");
    TYPE_NAMES.put(DagsterEventType.ASSET_FAILED_TO_MATERIALIZE, "FailedToMaterializeEvent");
    TYPE_NAMES.put(DagsterEventType.STEP_EXPECTATION_RESULT, "StepExpectationResultEvent");
    TYPE_NAMES.put(
        DagsterEventType.ASSET_CHECK_EVALUATION_PLANNED, "AssetCheckEvaluationPlannedEvent");
    TYPE_NAMES.put(DagsterEventType.ASSET_CHECK_EVALUATION, "AssetCheckEvaluationEvent");
    TYPE_NAMES.put(DagsterEventType.RUN_ENQUEUED, "RunEnqueuedEvent");
    TYPE_NAMES.put(DagsterEventType.RUN_DEQUEUED, "RunDequeuedEvent");
    TYPE_NAMES.put(DagsterEventType.RUN_STARTING, "RunStartingEvent");
    TYPE_NAMES.put(DagsterEventType.RUN_START, "RunStartEvent");
    TYPE_NAMES.put(DagsterEventType.RUN_SUCCESS, "RunSuccessEvent");
    TYPE_NAMES.put(DagsterEventType.RUN_FAILURE, "RunFailureEvent");
    TYPE_NAMES.put(DagsterEventType.RUN_CANCELING, "RunCancelingEvent");
    TYPE_NAMES.put(DagsterEventType.RUN_CANCELED, "RunCanceledEvent");
    TYPE_NAMES.put(DagsterEventType.ENGINE_EVENT, "EngineEvent");
    TYPE_NAMES.put(DagsterEventType.STEP_WORKER_STARTING, "StepWorkerStartingEvent");
    TYPE_NAMES.put(DagsterEventType.STEP_WORKER_STARTED, "StepWorkerStartedEvent");
    TYPE_NAMES.put(DagsterEventType.RESOURCE_INIT_STARTED, "ResourceInitStartedEvent");
    TYPE_NAMES.put(DagsterEventType.RESOURCE_INIT_SUCCESS, "ResourceInitSuccessEvent");
    TYPE_NAMES.put(DagsterEventType.RESOURCE_INIT_FAILURE, "ResourceInitFailureEvent");
    TYPE_NAMES.put(DagsterEventType.HOOK_COMPLETED, "HookCompletedEvent");
    TYPE_NAMES.put(DagsterEventType.HOOK_SKIPPED, "HookSkippedEvent");
    TYPE_NAMES.put(DagsterEventType.HOOK_ERRORED, "HookErroredEvent");
    TYPE_NAMES.put(DagsterEventType.ALERT_START, "AlertStartEvent");
    TYPE_NAMES.put(DagsterEventType.ALERT_SUCCESS, "AlertSuccessEvent");
    TYPE_NAMES.put(DagsterEventType.ALERT_FAILURE, "AlertFailureEvent");
    TYPE_NAMES.put(DagsterEventType.LOG_MESSAGE, "LogMessageEvent");
  }

  private EventViews() {}

  /**
   * Returns the GraphQL type an event is shown as.
   *
   * @param event the event
   * @return the type's name
   */
  public static String typeName(EventRecord event) {
    String name = TYPE_NAMES.getOrDefault(event.type(), "EngineEvent");
    EventPayload payload = event.payload();
    // Types whose non-null fields come from a payload fall back when it is missing.
    boolean missing =
        switch (event.type()) {
          case STEP_INPUT -> !(payload instanceof StepInputPayload);
          case STEP_OUTPUT -> !(payload instanceof StepOutputPayload);
          case LOADED_INPUT -> !(payload instanceof LoadedInputPayload);
          case HANDLED_OUTPUT -> !(payload instanceof HandledOutputPayload);
          case STEP_EXPECTATION_RESULT -> !(payload instanceof ExpectationPayload);
          case ASSET_MATERIALIZATION -> !(payload instanceof MaterializationPayload);
          case ASSET_OBSERVATION -> !(payload instanceof ObservationPayload);
          case ASSET_MATERIALIZATION_PLANNED -> !(payload instanceof MaterializationPlannedPayload);
          case ASSET_CHECK_EVALUATION, ASSET_CHECK_EVALUATION_PLANNED ->
              !(payload instanceof AssetCheckEvaluationPayload);
          default -> false;
        };
    return missing ? "EngineEvent" : name;
  }

  /**
   * Returns an event.
   *
   * <p>Its fields are computed when selected ({@link GqlObject.Fields}), not put in a map: a page
   * of 1,000 events selects a handful of each event's twenty-odd fields, and a map per event was
   * most of the page's allocation and a large share of its CPU.
   *
   * @param stored the event
   * @param jobName the run's job, for run events
   * @param context the run and step statistics, for asset events
   * @return the event object
   */
  public static GqlObject event(StoredEvent stored, String jobName, Context context) {
    EventRecord event = stored.event();
    String typeName = typeName(event);
    return GqlObject.of(typeName, new EventFields(event, typeName, jobName, context));
  }

  /** An event's fields, computed from the record on each selection. */
  private record EventFields(EventRecord event, String typeName, String jobName, Context context)
      implements GqlObject.Fields {

    @Override
    public Object value(String field) {
      EventPayload payload = event.payload();
      return switch (field) {
        case "runId" -> event.runId();
        case "message" -> event.message();
        case "timestamp" -> Times.millis(event.timestamp());
        case "level" -> event.level().name();
        case "stepKey" -> event.stepKey();
        case "solidHandleID" -> event.stepKey() == null ? null : handle(event.stepKey());
        case "eventType" ->
            event.type() == DagsterEventType.LOG_MESSAGE ? null : event.type().name();
        case "pipelineName" -> jobName;
        case "label", "markerStart", "markerEnd" -> null;
        case "description" -> {
          if (payload instanceof MaterializationPayload p) {
            yield p.description();
          }
          yield payload instanceof ObservationPayload p ? p.description() : null;
        }
        case "metadataEntries" -> MetadataViews.entries(metadata(payload));
        case "error" -> error(payload) == null ? null : Errors.pythonError(error(payload));
        default -> payloadField(field, payload);
      };
    }

    /** The fields that only some payloads (or event types) have. */
    private Object payloadField(String field, EventPayload payload) {
      boolean failedToMaterialize = "FailedToMaterializeEvent".equals(typeName);
      boolean asset =
          payload instanceof MaterializationPayload
              || payload instanceof ObservationPayload
              || failedToMaterialize;
      return switch (field) {
        case "errorSource" ->
            payload instanceof StepFailurePayload f && f.errorSource() != null
                ? f.errorSource().name()
                : null;
        case "failureMetadata" ->
            payload instanceof StepFailurePayload f && !f.userFailureMetadata().isEmpty()
                ? GqlObject.of("FailureMetadata")
                    .put("label", null)
                    .put("description", null)
                    .put("metadataEntries", MetadataViews.entries(f.userFailureMetadata()))
                : null;
        case "secondsToWait" ->
            payload instanceof StepRetryPayload retry ? retry.secondsToWait() : null;
        case "inputName" -> {
          if (payload instanceof StepInputPayload input) {
            yield input.inputName();
          }
          yield payload instanceof LoadedInputPayload loaded ? loaded.inputName() : null;
        }
        case "typeCheck" -> {
          if (payload instanceof StepInputPayload input) {
            yield typeCheck(input.inputName(), input.typeCheck());
          }
          yield payload instanceof StepOutputPayload output
              ? typeCheck(output.outputName(), output.typeCheck())
              : null;
        }
        case "outputName" -> {
          if (payload instanceof StepOutputPayload output) {
            yield output.outputName();
          }
          yield payload instanceof HandledOutputPayload handled ? handled.outputName() : null;
        }
        case "managerKey" -> {
          if (payload instanceof LoadedInputPayload loaded) {
            yield loaded.managerKey();
          }
          yield payload instanceof HandledOutputPayload handled ? handled.managerKey() : null;
        }
        case "upstreamOutputName" ->
            payload instanceof LoadedInputPayload loaded ? loaded.upstreamOutputName() : null;
        case "upstreamStepKey" ->
            payload instanceof LoadedInputPayload loaded ? loaded.upstreamStepKey() : null;
        case "assetKey" -> MetadataViews.assetKey(assetKey(payload));
        case "partition" -> {
          if (payload instanceof MaterializationPayload p) {
            yield p.partition();
          }
          yield payload instanceof ObservationPayload p ? p.partition() : null;
        }
        case "tags", "assetLineage" -> asset ? List.of() : null;
        case "runOrError" ->
            asset || payload instanceof MaterializationPlannedPayload
                ? GqlObject.lazyValue(env -> context.runOrError(event.runId()))
                : null;
        case "stepStats" ->
            asset
                ? GqlObject.lazyValue(
                    env ->
                        context.stepStats(
                            event.runId(), event.stepKey() == null ? "" : event.stepKey()))
                : null;
        case "expectationResult" ->
            payload instanceof ExpectationPayload expectation
                ? GqlObject.of("ExpectationResult")
                    .put("success", expectation.success())
                    .put("label", expectation.label())
                    .put("description", expectation.description())
                    .put("metadataEntries", MetadataViews.entries(expectation.metadata()))
                : null;
        case "checkName" ->
            payload instanceof AssetCheckEvaluationPayload check ? check.checkName() : null;
        case "evaluation" ->
            payload instanceof AssetCheckEvaluationPayload check
                ? GqlObject.of("AssetCheckEvaluation")
                    .put("timestamp", Times.seconds(event.timestamp()))
                    .put("checkName", check.checkName())
                    .put("assetKey", MetadataViews.assetKey(check.assetKey()))
                    .put("metadataEntries", MetadataViews.entries(check.metadata()))
                    .put("severity", check.severity() == null ? "ERROR" : check.severity().name())
                    .put("description", check.description())
                    .put("partition", check.partition())
                    .put("success", check.passed())
                : null;
        case "materializationFailureReason" -> failedToMaterialize ? "UNKNOWN" : null;
        case "materializationFailureType" -> failedToMaterialize ? "FAILED" : null;
        default -> null;
      };
    }
  }

  /** The asset key of an asset event's payload, or null. */
  private static AssetKeySnapshot assetKey(EventPayload payload) {
    if (payload instanceof MaterializationPayload p) {
      return p.assetKey();
    }
    if (payload instanceof ObservationPayload p) {
      return p.assetKey();
    }
    if (payload instanceof MaterializationPlannedPayload p) {
      return p.assetKey();
    }
    return payload instanceof AssetCheckEvaluationPayload p ? p.assetKey() : null;
  }

  /** The step's handle: the key without a mapping key ({@code square[r1]} is {@code square}). */
  private static String handle(String stepKey) {
    int bracket = stepKey.indexOf('[');
    return bracket < 0 ? stepKey : stepKey.substring(0, bracket);
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
