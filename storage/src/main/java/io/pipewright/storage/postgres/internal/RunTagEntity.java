package io.pipewright.storage.postgres.internal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of {@code run_tags}: the index that tag filters query. */
@Entity
@Table(name = "run_tags")
@IdClass(RunTagEntity.Key.class)
public class RunTagEntity extends PanacheEntityBase {

  @Id
  @Column(name = "run_id")
  public String runId;

  /** The tag's key ({@code key} is an HQL keyword, hence the field name). */
  @Id
  @Column(name = "key")
  public String tagKey;

  @Column(name = "value")
  public String tagValue;

  /** The primary key: (run, tag key). */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    public String runId;
    public String tagKey;

    /** For Hibernate. */
    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(runId, k.runId)
          && Objects.equals(tagKey, k.tagKey);
    }

    @Override
    public int hashCode() {
      return Objects.hash(runId, tagKey);
    }
  }
}
