package io.pipewright.storage.postgres.internal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code daemon_heartbeats}: the latest heartbeat of one daemon type. */
@Entity
@Table(name = "daemon_heartbeats")
public class HeartbeatEntity extends PanacheEntityBase {

  @Id
  @Column(name = "daemon_type")
  public String daemonType;

  @Column(name = "daemon_id")
  public String daemonId;

  public Instant timestamp;

  public byte[] errors;
}
