package io.pipewright.storage.postgres.internal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code kvs}. */
@Entity
@Table(name = "kvs")
public class KeyValueEntity extends PanacheEntityBase {

  /** The key ({@code key} is an HQL keyword, hence the field name). */
  @Id
  @Column(name = "key")
  public String entryKey;

  @Column(name = "value")
  public String entryValue;
}
