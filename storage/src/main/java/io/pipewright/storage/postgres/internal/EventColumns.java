package io.pipewright.storage.postgres.internal;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * The nine per-event columns of an append statement's {@code unnest}, gathered from a group's
 * encoded writes in order: the ingest statement ({@link EventRows#appendParams}) and the
 * host-append one ({@link HostAppendRows#params}) pass the same columns. Filled by one thread while
 * it builds one statement's parameters.
 */
final class EventColumns {

  private final String[] runs;
  private final String[] steps;
  private final Integer[] attempts;
  private final Long[] seqs;
  private final String[] types;
  private final OffsetDateTime[] times;
  private final String[] assets;
  private final String[] parts;
  private final Buffer[] bodies;
  private int size;

  /**
   * Columns for up to {@code capacity} events.
   *
   * @param capacity the most events that will be added
   */
  EventColumns(int capacity) {
    runs = new String[capacity];
    steps = new String[capacity];
    attempts = new Integer[capacity];
    seqs = new Long[capacity];
    types = new String[capacity];
    times = new OffsetDateTime[capacity];
    assets = new String[capacity];
    parts = new String[capacity];
    bodies = new Buffer[capacity];
  }

  /**
   * Adds every event of a write.
   *
   * @param e the write
   */
  void addAll(EventRows.Encoded e) {
    int k = e.size();
    System.arraycopy(e.runs(), 0, runs, size, k);
    System.arraycopy(e.steps(), 0, steps, size, k);
    System.arraycopy(e.attempts(), 0, attempts, size, k);
    System.arraycopy(e.seqs(), 0, seqs, size, k);
    System.arraycopy(e.types(), 0, types, size, k);
    System.arraycopy(e.times(), 0, times, size, k);
    System.arraycopy(e.assets(), 0, assets, size, k);
    System.arraycopy(e.parts(), 0, parts, size, k);
    System.arraycopy(e.bodies(), 0, bodies, size, k);
    size += k;
  }

  /**
   * Adds one event of a write.
   *
   * @param e the write
   * @param i the event's index in it
   */
  void add(EventRows.Encoded e, int i) {
    runs[size] = e.runs()[i];
    steps[size] = e.steps()[i];
    attempts[size] = e.attempts()[i];
    seqs[size] = e.seqs()[i];
    types[size] = e.types()[i];
    times[size] = e.times()[i];
    assets[size] = e.assets()[i];
    parts[size] = e.parts()[i];
    bodies[size] = e.bodies()[i];
    size++;
  }

  /**
   * Adds the columns, as arrays of the events added, to a statement's parameters, in the
   * statement's order: run, step, attempt, sequence, type, time, asset, partition, body.
   *
   * @param t the parameters so far
   */
  void addTo(Tuple t) {
    t.addValue(trimmed(runs));
    t.addValue(trimmed(steps));
    t.addValue(trimmed(attempts));
    t.addValue(trimmed(seqs));
    t.addValue(trimmed(types));
    t.addValue(trimmed(times));
    t.addValue(trimmed(assets));
    t.addValue(trimmed(parts));
    t.addValue(trimmed(bodies));
  }

  private <T> T[] trimmed(T[] column) {
    return column.length == size ? column : Arrays.copyOf(column, size);
  }
}
