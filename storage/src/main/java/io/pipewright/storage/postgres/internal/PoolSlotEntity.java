package io.pipewright.storage.postgres.internal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code concurrency_slots}: a held slot. */
@Entity
@Table(name = "concurrency_slots")
public class PoolSlotEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String pool;

  @Column(name = "run_id")
  public String runId;

  @Column(name = "step_key")
  public String stepKey;

  @Column(name = "claim_time")
  public Instant claimTime;
}
