package io.pipewright.storage.postgres.internal;

import io.pipewright.core.instigation.InstigatorStatus;
import io.pipewright.core.instigation.InstigatorType;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of {@code instigators}: one schedule's or sensor's state. */
@Entity
@Table(name = "instigators")
@IdClass(InstigatorEntity.Key.class)
public class InstigatorEntity extends PanacheEntityBase {

  @Id
  @Column(name = "code_location")
  public String codeLocation;

  @Id public String name;

  @Enumerated(EnumType.STRING)
  public InstigatorType type;

  @Enumerated(EnumType.STRING)
  public InstigatorStatus status;

  @Column(name = "cursor")
  public String cursorValue;

  @Column(name = "last_tick_time")
  public Instant lastTickTime;

  @Column(name = "last_run_key")
  public String lastRunKey;

  @Column(name = "update_time")
  public Instant updateTime;

  /** The primary key: (code location, name). */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    public String codeLocation;
    public String name;

    /** For Hibernate. */
    public Key() {}

    /**
     * Creates a key.
     *
     * @param codeLocation the location
     * @param name the name
     */
    public Key(String codeLocation, String name) {
      this.codeLocation = codeLocation;
      this.name = name;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(codeLocation, k.codeLocation)
          && Objects.equals(name, k.name);
    }

    @Override
    public int hashCode() {
      return Objects.hash(codeLocation, name);
    }
  }
}
