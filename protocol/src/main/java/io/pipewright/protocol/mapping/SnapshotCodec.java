package io.pipewright.protocol.mapping;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.protocol.v1.ExecutionPlan;
import io.pipewright.protocol.v1.Job;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bodies of stored snapshots ({@code SnapshotStore}): the protocol's protobuf messages,
 * serialized deterministically, identified by the SHA-256 of the body (hex), so that equal
 * snapshots share one id and storing one twice is harmless.
 *
 * <p>Every host that stores runs (the webserver's launches, the daemon's schedules, sensors and
 * backfills) encodes with this class, so that their snapshots share ids.
 */
public final class SnapshotCodec {

  private SnapshotCodec() {}

  /**
   * An encoded snapshot.
   *
   * @param id the content hash
   * @param body the bytes
   */
  public record Encoded(String id, byte[] body) {}

  /**
   * Encodes a job snapshot.
   *
   * @param job the job
   * @return its id and body
   */
  public static Encoded job(JobSnapshot job) {
    return encode(JobMapper.toProto(job));
  }

  /**
   * Encodes an execution plan snapshot.
   *
   * @param plan the plan
   * @return its id and body
   */
  public static Encoded plan(ExecutionPlanSnapshot plan) {
    return encode(PlanMapper.toProto(plan));
  }

  /**
   * Decodes a job snapshot body.
   *
   * @param body the body
   * @return the job
   * @throws IllegalArgumentException when the body is not a job snapshot
   */
  public static JobSnapshot decodeJob(byte[] body) {
    try {
      return JobMapper.toCore(Job.parseFrom(body));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("A stored job snapshot cannot be read: " + e, e);
    }
  }

  /**
   * Decodes an execution plan snapshot body.
   *
   * @param body the body
   * @return the plan
   * @throws IllegalArgumentException when the body is not a plan snapshot
   */
  public static ExecutionPlanSnapshot decodePlan(byte[] body) {
    try {
      return PlanMapper.toCore(ExecutionPlan.parseFrom(body));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("A stored execution plan cannot be read: " + e, e);
    }
  }

  private static Encoded encode(MessageLite message) {
    byte[] body = new byte[message.getSerializedSize()];
    CodedOutputStream out = CodedOutputStream.newInstance(body);
    // Map fields have no fixed order otherwise: equal snapshots must give equal bytes.
    out.useDeterministicSerialization();
    try {
      message.writeTo(out);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialize a snapshot", e);
    }
    return new Encoded(sha256(body), body);
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no SHA-256", e);
    }
  }
}
