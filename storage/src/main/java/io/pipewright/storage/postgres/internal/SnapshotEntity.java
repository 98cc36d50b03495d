package io.pipewright.storage.postgres.internal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code snapshots}. */
@Entity
@Table(name = "snapshots")
public class SnapshotEntity extends PanacheEntityBase {

  @Id
  @Column(name = "snapshot_id")
  public String snapshotId;

  public String kind;

  public byte[] body;
}
