package io.pipewright.sdk.event;

/**
 * The payload of a {@link RunEvent}: the details specific to its {@link EventType}. Every
 * implementation is an immutable record; use {@link RunEvent#data(Class)} to read one.
 */
public sealed interface EventData
    permits StepInputData,
        LoadedInputData,
        StepOutputData,
        HandledOutputData,
        MaterializationData,
        ObservationData,
        ExpectationData,
        StepFailureData,
        StepRetryData,
        StepRestartedData,
        StepSuccessData,
        StepSkippedData,
        RunFailureData,
        LogData,
        ResourceData,
        HookData,
        EngineData,
        MaterializationPlannedData,
        AssetCheckEvaluationData {}
