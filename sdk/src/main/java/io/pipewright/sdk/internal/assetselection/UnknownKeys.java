package io.pipewright.sdk.internal.assetselection;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.internal.text.Suggestions;
import io.pipewright.sdk.internal.text.Texts;
import java.util.ArrayList;
import java.util.List;

/** Writes the message of an unknown-key error, with suggestions. Used only on error paths. */
final class UnknownKeys {

  /** How many valid keys the message lists when it has no closer suggestion. */
  static final int MAX_LISTED_KEYS = 10;

  /** Long generated expressions are cut so that the message stays readable. */
  private static final int MAX_EXPRESSION_CHARS = 200;

  private UnknownKeys() {}

  /**
   * Returns the message for {@code unknown} keys, each with the closest of {@code known} keys or,
   * when some have none, a sample of the known keys.
   */
  static String message(String expression, List<AssetKey> unknown, AssetKey[] known) {
    List<String> candidates = new ArrayList<>(known.length);
    for (AssetKey key : known) {
      candidates.add(key.toUserString());
    }
    StringBuilder message =
        new StringBuilder("Asset selection '")
            .append(Texts.abbreviate(expression, MAX_EXPRESSION_CHARS))
            .append("' names ")
            .append(unknown.size() == 1 ? "an asset" : unknown.size() + " assets")
            .append(" that this graph does not have:");
    boolean listValidKeys = false;
    for (AssetKey key : unknown) {
      String name = key.toUserString();
      String suggestion = closest(name, candidates);
      message.append("\n  - '").append(name).append("': ");
      if (suggestion != null) {
        message.append("did you mean '").append(suggestion).append("'?");
      } else {
        message.append("no asset has a similar key.");
        listValidKeys = true;
      }
    }
    if (listValidKeys) {
      message.append('\n');
      appendValidKeys(message, candidates);
    }
    return message.toString();
  }

  /**
   * The closest key by spelling or, failing that, a key that differs by a prefix: {@code orders}
   * for {@code warehouse/orders} or the other way round.
   */
  private static String closest(String name, List<String> candidates) {
    String close = Suggestions.closest(name, candidates);
    if (close != null) {
      return close;
    }
    String suffix = "/" + name;
    for (String candidate : candidates) {
      if (candidate.endsWith(suffix) || name.endsWith("/" + candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static void appendValidKeys(StringBuilder message, List<String> keys) {
    if (keys.isEmpty()) {
      message.append("The graph has no assets.");
      return;
    }
    message.append(
        keys.size() > MAX_LISTED_KEYS ? "Valid asset keys include: " : "Valid asset keys: ");
    for (int i = 0; i < MAX_LISTED_KEYS && i < keys.size(); i++) {
      if (i > 0) {
        message.append(", ");
      }
      message.append(keys.get(i));
    }
    if (keys.size() > MAX_LISTED_KEYS) {
      message.append(" (and ").append(keys.size() - MAX_LISTED_KEYS).append(" more)");
    }
    message.append('.');
  }
}
