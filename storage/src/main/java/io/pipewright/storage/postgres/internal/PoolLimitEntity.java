package io.pipewright.storage.postgres.internal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code concurrency_limits}. */
@Entity
@Table(name = "concurrency_limits")
public class PoolLimitEntity extends PanacheEntityBase {

  @Id public String pool;

  @Column(name = "slot_limit")
  public int slotLimit;
}
