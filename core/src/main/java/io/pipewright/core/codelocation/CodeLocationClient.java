package io.pipewright.core.codelocation;

import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.PartitionRunConfig;
import java.util.List;

/**
 * The port through which hosts (webserver, daemon) talk to one code location: the only way they
 * learn about user definitions and run user code that decides things (config, partitions,
 * schedules, sensors). The adapter is {@code GrpcCodeLocationClient} in the {@code protocol}
 * module; tests may implement it in memory.
 *
 * <p>Two kinds of failure, kept apart on purpose:
 *
 * <ul>
 *   <li>what the user's code or config got wrong comes back as <em>data</em>: config errors, an
 *       {@link io.pipewright.core.snapshot.ErrorSnapshot} in the result;
 *   <li>a call that did not produce an answer throws: {@link CodeLocationUnavailableException} when
 *       the server cannot be reached or does not answer in time, {@link CodeLocationCallException}
 *       when it answers with an error (an unknown job, an older server).
 * </ul>
 *
 * <p>Implementations are thread-safe; every call is blocking and bounded by a deadline.
 */
public interface CodeLocationClient extends AutoCloseable {

  /**
   * Returns everything the location defines. Large (a 10,000-asset location is megabytes), so hosts
   * call it when the location starts or reloads and cache it under its content hash.
   *
   * @return the snapshot, with the location's load errors if it had any
   * @throws CodeLocationUnavailableException if the server cannot be reached or does not answer
   * @throws CodeLocationCallException if the server answers with an error
   */
  CodeLocationSnapshot snapshot();

  /**
   * Validates the run config of a request and plans its steps, as the webserver does before it
   * writes a run.
   *
   * @param request the job, selection, run config, steps and partition
   * @return the plan, the config errors, or the error the user's code raised
   * @throws CodeLocationUnavailableException if the server cannot be reached or does not answer
   * @throws CodeLocationCallException if the job does not exist or the selection is malformed
   */
  ExecutionPlanResult executionPlan(ExecutionPlanRequest request);

  /**
   * Checks a run config against a job without planning, as the launchpad does while the user types.
   *
   * @param request the job, selection and run config
   * @return every problem found; empty when the config is valid
   * @throws CodeLocationUnavailableException if the server cannot be reached or does not answer
   * @throws CodeLocationCallException if the job does not exist
   */
  List<ConfigErrorSnapshot> validateRunConfig(RunConfigValidationRequest request);

  /**
   * Lists the partition keys of a job or an asset, as of the request's time.
   *
   * @param request the job or asset, the time and the dynamic partitions
   * @return the keys, in the definition's order
   * @throws CodeLocationUnavailableException if the server cannot be reached or does not answer
   * @throws CodeLocationCallException if the job or asset does not exist or is not partitioned
   */
  List<String> partitionKeys(PartitionKeysRequest request);

  /**
   * Computes the run config and tags of one partition of a job, as backfills and partitioned
   * schedules do before they launch it.
   *
   * @param request the job and the partition
   * @return the config and tags, or the error the user's code raised
   * @throws CodeLocationUnavailableException if the server cannot be reached or does not answer
   * @throws CodeLocationCallException if the job does not exist or is not partitioned
   */
  PartitionRunConfig partitionRunConfig(PartitionRunConfigRequest request);

  /**
   * Evaluates one tick of a schedule.
   *
   * @param request the schedule and the tick's time
   * @return the runs requested or why it skipped, or the error the user's code raised
   * @throws CodeLocationUnavailableException if the server cannot be reached or does not answer
   * @throws CodeLocationCallException if the schedule does not exist
   */
  InstigatorEvaluation evaluateSchedule(ScheduleEvaluationRequest request);

  /**
   * Evaluates one tick of a sensor.
   *
   * @param request the sensor and what earlier ticks left
   * @return the runs requested or why it skipped, the new cursor and dynamic partition requests, or
   *     the error the user's code raised
   * @throws CodeLocationUnavailableException if the server cannot be reached or does not answer
   * @throws CodeLocationCallException if the sensor does not exist
   */
  InstigatorEvaluation evaluateSensor(SensorEvaluationRequest request);

  /**
   * Checks that the server answers, as health checks and the CLI do.
   *
   * @param echo any text
   * @return the same text, from the server
   * @throws CodeLocationUnavailableException if the server cannot be reached or does not answer
   */
  String ping(String echo);

  /**
   * Returns the id of the server process, which changes when it restarts: a host that sees a new id
   * reloads the snapshot.
   *
   * @return the server's id
   * @throws CodeLocationUnavailableException if the server cannot be reached or does not answer
   */
  String serverId();

  /**
   * Asks the server to shut down gracefully (Dagster's {@code shutdownRepositoryLocation}); its
   * orchestrator (Kubernetes, the local launcher) restarts it, with newly loaded code.
   *
   * @throws CodeLocationUnavailableException if the server cannot be reached or does not answer
   */
  void shutdown();

  /**
   * Releases this client's connection; the server keeps running. Further calls fail.
   *
   * <p>Narrowed from {@link AutoCloseable#close()}: it throws nothing checked.
   */
  @Override
  void close();
}
