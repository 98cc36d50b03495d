package io.pipewright.storage.postgres.internal;

import io.pipewright.core.run.RunStatus;
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

/** A row of {@code runs}; {@code RunRows} converts it to and from {@code core.run.Run}. */
@Entity
@Table(name = "runs")
public class RunEntity extends PanacheEntityBase {

  /** The storage id: creation order, the paging cursor. */
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "run_id")
  public String runId;

  @Column(name = "job_name")
  public String jobName;

  @Column(name = "code_location")
  public String codeLocation;

  @Enumerated(EnumType.STRING)
  public RunStatus status;

  @Column(name = "partition_key")
  public String partitionKey;

  @Column(name = "backfill_id")
  public String backfillId;

  @Column(name = "parent_run_id")
  public String parentRunId;

  @Column(name = "root_run_id")
  public String rootRunId;

  @Column(name = "plan_snapshot_id")
  public String planSnapshotId;

  @Column(name = "job_snapshot_id")
  public String jobSnapshotId;

  @Column(name = "run_config")
  public byte[] runConfig;

  public String tags;

  @Column(name = "op_selection")
  public String opSelection;

  @Column(name = "asset_selection")
  public String assetSelection;

  @Column(name = "step_keys_to_execute")
  public String stepKeysToExecute;

  @Column(name = "create_time")
  public Instant createTime;

  @Column(name = "update_time")
  public Instant updateTime;

  @Column(name = "start_time")
  public Instant startTime;

  @Column(name = "end_time")
  public Instant endTime;
}
