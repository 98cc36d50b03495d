package io.pipewright.core.event;

/**
 * The typed details of an {@link EventRecord}, specific to its {@link DagsterEventType}: one record
 * per payload record of the sdk's {@code EventData} (named {@code *Payload} here, flattened where
 * the sdk wraps a value record), so that the code location server maps one to the other field by
 * field.
 */
public sealed interface EventPayload
    permits StepInputPayload,
        LoadedInputPayload,
        StepOutputPayload,
        HandledOutputPayload,
        MaterializationPayload,
        ObservationPayload,
        ExpectationPayload,
        StepFailurePayload,
        StepRetryPayload,
        StepRestartedPayload,
        StepSuccessPayload,
        StepSkippedPayload,
        RunFailurePayload,
        LogPayload,
        ResourcePayload,
        HookPayload,
        EnginePayload,
        MaterializationPlannedPayload,
        AssetCheckEvaluationPayload {}
