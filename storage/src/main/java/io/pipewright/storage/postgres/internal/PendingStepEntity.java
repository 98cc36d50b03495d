package io.pipewright.storage.postgres.internal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code pending_steps}: a step waiting for a slot; the id is its arrival order. */
@Entity
@Table(name = "pending_steps")
public class PendingStepEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String pool;

  @Column(name = "run_id")
  public String runId;

  @Column(name = "step_key")
  public String stepKey;

  public int priority;

  @Column(name = "enqueue_time")
  public Instant enqueueTime;
}
