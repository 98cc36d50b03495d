package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.OpLogger;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.LogData;
import io.pipewright.sdk.event.LogLevel;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns log lines of a step (or of the run, with no step key) into LOG_MESSAGE events. */
final class StepLogger implements OpLogger {
  private final EventEmitter emitter;
  private final String stepKey;

  StepLogger(EventEmitter emitter, String stepKey) {
    this.emitter = emitter;
    this.stepKey = stepKey;
  }

  private void log(LogLevel level, String message, Map<String, ?> fields) {
    LogData data = fields.isEmpty() ? null : new LogData(new LinkedHashMap<>(fields));
    emitter.emit(EventType.LOG_MESSAGE, level, stepKey, message, data);
  }

  @Override
  public void debug(String message, Map<String, ?> fields) {
    log(LogLevel.DEBUG, message, fields);
  }

  @Override
  public void info(String message, Map<String, ?> fields) {
    log(LogLevel.INFO, message, fields);
  }

  @Override
  public void warning(String message, Map<String, ?> fields) {
    log(LogLevel.WARNING, message, fields);
  }

  @Override
  public void error(String message, Map<String, ?> fields) {
    log(LogLevel.ERROR, message, fields);
  }
}
