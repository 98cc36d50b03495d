package io.pipewright.protocol.mapping;

import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.LoadError;
import io.pipewright.core.snapshot.RetryPolicySnapshot;
import io.pipewright.protocol.v1.AssetKey;
import io.pipewright.protocol.v1.DefinitionError;
import io.pipewright.protocol.v1.Error;
import io.pipewright.protocol.v1.RetryPolicy;
import java.util.ArrayList;
import java.util.List;

/** Maps the small messages every other mapper uses: asset keys, errors, retry policies. */
public final class CommonMapper {

  private static final EnumBridge<RetryPolicySnapshot.Backoff, RetryPolicy.Backoff> BACKOFF =
      EnumBridge.of(
          RetryPolicySnapshot.Backoff.class,
          RetryPolicy.Backoff.values(),
          "BACKOFF_",
          "retry backoff");
  private static final EnumBridge<RetryPolicySnapshot.Jitter, RetryPolicy.Jitter> JITTER =
      EnumBridge.of(
          RetryPolicySnapshot.Jitter.class, RetryPolicy.Jitter.values(), "JITTER_", "retry jitter");

  private CommonMapper() {}

  /**
   * Maps an asset key to its message.
   *
   * @param key the key
   * @return the message
   */
  public static AssetKey toProto(AssetKeySnapshot key) {
    return AssetKey.newBuilder().addAllPath(key.path()).build();
  }

  /**
   * Maps an asset key message to the record.
   *
   * @param key the message
   * @return the key
   * @throws IllegalArgumentException if the path is empty or has a blank part
   */
  public static AssetKeySnapshot toCore(AssetKey key) {
    return new AssetKeySnapshot(key.getPathList());
  }

  /**
   * Maps asset keys to messages.
   *
   * @param keys the keys
   * @return the messages, in order
   */
  public static List<AssetKey> assetKeysToProto(List<AssetKeySnapshot> keys) {
    List<AssetKey> out = new ArrayList<>(keys.size());
    for (AssetKeySnapshot key : keys) {
      out.add(toProto(key));
    }
    return out;
  }

  /**
   * Maps asset key messages to records.
   *
   * @param keys the messages
   * @return the keys, in order
   */
  public static List<AssetKeySnapshot> assetKeysToCore(List<AssetKey> keys) {
    List<AssetKeySnapshot> out = new ArrayList<>(keys.size());
    for (int i = 0, n = keys.size(); i < n; i++) {
      AssetKey key = keys.get(i);
      out.add(toCore(key));
    }
    return out;
  }

  /**
   * Maps an error, with its causes and contexts, to its message.
   *
   * @param error the error
   * @return the message
   */
  public static Error toProto(ErrorSnapshot error) {
    Error.Builder out =
        Error.newBuilder()
            .setClassName(error.className())
            .setMessage(error.message())
            .addAllStack(error.stack());
    if (error.cause() != null) {
      out.setCause(toProto(error.cause()));
    }
    if (error.context() != null) {
      out.setContext(toProto(error.context()));
    }
    return out.build();
  }

  /**
   * Maps an error message to the record.
   *
   * @param error the message
   * @return the error
   */
  public static ErrorSnapshot toCore(Error error) {
    return new ErrorSnapshot(
        error.getClassName(),
        error.getMessage(),
        error.getStackList(),
        error.hasCause() ? toCore(error.getCause()) : null,
        error.hasContext() ? toCore(error.getContext()) : null);
  }

  /**
   * Maps a retry policy to its message.
   *
   * @param policy the policy
   * @return the message
   */
  public static RetryPolicy toProto(RetryPolicySnapshot policy) {
    return RetryPolicy.newBuilder()
        .setMaxRetries(policy.maxRetries())
        .setDelay(Protos.duration(policy.delay()))
        .setBackoff(
            BACKOFF.toProtoOrUnset(policy.backoff(), RetryPolicy.Backoff.BACKOFF_UNSPECIFIED))
        .setJitter(JITTER.toProtoOrUnset(policy.jitter(), RetryPolicy.Jitter.JITTER_UNSPECIFIED))
        .build();
  }

  /**
   * Maps a retry policy message to the record.
   *
   * @param policy the message
   * @return the policy
   */
  public static RetryPolicySnapshot toCore(RetryPolicy policy) {
    return new RetryPolicySnapshot(
        policy.getMaxRetries(),
        Protos.duration(policy.getDelay()),
        BACKOFF.toCoreOrNull(policy.getBackoff()),
        JITTER.toCoreOrNull(policy.getJitter()));
  }

  /**
   * Maps a load error to its message.
   *
   * @param error the load error
   * @return the message
   */
  public static DefinitionError toProto(LoadError error) {
    return DefinitionError.newBuilder()
        .setElement(error.element())
        .setProblem(error.problem())
        .setFix(error.fix())
        .build();
  }

  /**
   * Maps a load error message to the record.
   *
   * @param error the message
   * @return the load error
   */
  public static LoadError toCore(DefinitionError error) {
    return new LoadError(error.getElement(), error.getProblem(), error.getFix());
  }
}
