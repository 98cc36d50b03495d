package io.pipewright.storage.postgres.internal;

import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.TickStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code ticks}. */
@Entity
@Table(name = "ticks")
public class TickEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "code_location")
  public String codeLocation;

  public String name;

  @Enumerated(EnumType.STRING)
  public InstigatorType type;

  @Enumerated(EnumType.STRING)
  public TickStatus status;

  public Instant timestamp;

  @Column(name = "scheduled_time")
  public Instant scheduledTime;

  @Column(name = "end_time")
  public Instant endTime;

  @Column(name = "reserved_run_ids")
  public String reservedRunIds;

  @Column(name = "run_ids")
  public String runIds;

  @Column(name = "run_keys")
  public String runKeys;

  @Column(name = "skip_reason")
  public String skipReason;

  public byte[] error;

  @Column(name = "cursor")
  public String cursorValue;
}
