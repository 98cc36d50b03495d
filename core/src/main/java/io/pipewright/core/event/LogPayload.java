package io.pipewright.core.event;

import io.pipewright.core.snapshot.UserJson;
import java.util.Map;

/**
 * Payload of {@link DagsterEventType#LOG_MESSAGE}: the structured fields of a log line (the sdk's
 * {@code LogData}). Field values are user JSON; the code location server renders other values with
 * {@code toString()}.
 *
 * @param fields the fields in order, in canonical {@link UserJson} form; values may be null
 */
public record LogPayload(Map<String, Object> fields) implements EventPayload {

  /** Copies the fields in canonical form. */
  public LogPayload {
    fields = UserJson.canonicalObject(fields, "log fields");
  }
}
