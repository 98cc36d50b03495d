package io.pipewright.sdk.internal.assetselection;

import io.pipewright.sdk.AssetKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A node of a parsed asset selection expression.
 *
 * <p>The tree is normalised so that two selections that differ only in redundant parentheses or in
 * the nesting of {@code and} (or of {@code or}) are equal: {@link And} and {@link Or} hold flat
 * lists, built by {@link #and(List)} and {@link #or(List)}. Parentheses leave no trace.
 */
public sealed interface SelectionNode {

  /** The depth written {@code *}: every level upstream or downstream, however far. */
  int ALL_LEVELS = Integer.MAX_VALUE;

  /** Every asset of the graph: the expression {@code *} on its own. */
  record All() implements SelectionNode {}

  /**
   * The asset with exactly this key: {@code key:a/b}, {@code key:"a/b"}, {@code a/b} or {@code
   * "a/b"}.
   *
   * @param key the key; resolution fails when the graph lacks it
   */
  record Key(AssetKey key) implements SelectionNode {
    /** Checks the key. */
    public Key {
      Objects.requireNonNull(key, "key must not be null");
    }
  }

  /**
   * Every asset whose key, in its {@code a/b} form, matches a pattern in which {@code *} stands for
   * any run of characters (including {@code /}): {@code key:raw_*}.
   *
   * @param pattern the pattern; contains at least one {@code *}
   */
  record KeyPattern(String pattern) implements SelectionNode {
    /** Checks the pattern. */
    public KeyPattern {
      Objects.requireNonNull(pattern, "pattern must not be null");
      if (pattern.indexOf('*') < 0) {
        throw new IllegalArgumentException(
            "a key pattern needs a '*', but was \"" + pattern + "\"");
      }
    }
  }

  /**
   * The assets of a group: {@code group:name}.
   *
   * @param group the group name
   */
  record Group(String group) implements SelectionNode {
    /** Checks the name. */
    public Group {
      Objects.requireNonNull(group, "group must not be null");
    }
  }

  /**
   * The assets that carry a tag: {@code tag:k} (any value) or {@code tag:k=v}.
   *
   * @param key the tag key
   * @param value the required value, or null when any value matches
   */
  record Tag(String key, String value) implements SelectionNode {
    /** Checks the key. */
    public Tag {
      Objects.requireNonNull(key, "key must not be null");
    }
  }

  /**
   * The assets of a kind: {@code kind:sql}.
   *
   * @param kind the kind
   */
  record Kind(String kind) implements SelectionNode {
    /** Checks the kind. */
    public Kind {
      Objects.requireNonNull(kind, "kind must not be null");
    }
  }

  /**
   * The assets with an owner: {@code owner:"team:data"}.
   *
   * @param owner the owner
   */
  record Owner(String owner) implements SelectionNode {
    /** Checks the owner. */
    public Owner {
      Objects.requireNonNull(owner, "owner must not be null");
    }
  }

  /**
   * The operand plus its neighbours up to {@code up} levels upstream and, separately, up to {@code
   * down} levels downstream: {@code 2+key:a+} is {@code Traverse(Key(a), 2, 1)}, and selects the
   * union of {@code 2+key:a} and {@code key:a+}, as Dagster does.
   *
   * @param operand the selection to extend
   * @param up levels upstream: 0 for none, {@link #ALL_LEVELS} for all
   * @param down levels downstream: 0 for none, {@link #ALL_LEVELS} for all
   */
  record Traverse(SelectionNode operand, int up, int down) implements SelectionNode {
    /** Checks the components. */
    public Traverse {
      Objects.requireNonNull(operand, "operand must not be null");
      if (up < 0 || down < 0 || (up == 0 && down == 0)) {
        throw new IllegalArgumentException(
            "a traversal needs a positive depth in at least one direction, but was up="
                + up
                + ", down="
                + down);
      }
    }
  }

  /**
   * The assets every operand selects: {@code x and y}.
   *
   * @param operands at least two operands, none of them an {@code And}
   */
  record And(List<SelectionNode> operands) implements SelectionNode {
    /** Copies the operands and checks that they are flat. */
    public And {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException(
            "a conjunction needs at least two operands: " + operands);
      }
      for (SelectionNode operand : operands) {
        if (operand instanceof And) {
          throw new IllegalArgumentException("nested conjunctions must be flattened: " + operands);
        }
      }
    }
  }

  /**
   * The assets any operand selects: {@code x or y}.
   *
   * @param operands at least two operands, none of them an {@code Or}
   */
  record Or(List<SelectionNode> operands) implements SelectionNode {
    /** Copies the operands and checks that they are flat. */
    public Or {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException(
            "a disjunction needs at least two operands: " + operands);
      }
      for (SelectionNode operand : operands) {
        if (operand instanceof Or) {
          throw new IllegalArgumentException("nested disjunctions must be flattened: " + operands);
        }
      }
    }
  }

  /**
   * Every asset the operand does not select: {@code not x}.
   *
   * @param operand the selection to complement
   */
  record Not(SelectionNode operand) implements SelectionNode {
    /** Checks the operand. */
    public Not {
      Objects.requireNonNull(operand, "operand must not be null");
    }
  }

  /**
   * Returns the conjunction of {@code operands}, flattening nested conjunctions.
   *
   * @param operands one or more operands
   * @return the single operand itself, or an {@link And}
   */
  static SelectionNode and(List<SelectionNode> operands) {
    List<SelectionNode> flat = new ArrayList<>(operands.size());
    for (SelectionNode operand : operands) {
      if (operand instanceof And and) {
        flat.addAll(and.operands());
      } else {
        flat.add(Objects.requireNonNull(operand, "operand must not be null"));
      }
    }
    return flat.size() == 1 ? flat.get(0) : new And(flat);
  }

  /**
   * Returns the disjunction of {@code operands}, flattening nested disjunctions.
   *
   * @param operands one or more operands
   * @return the single operand itself, or an {@link Or}
   */
  static SelectionNode or(List<SelectionNode> operands) {
    List<SelectionNode> flat = new ArrayList<>(operands.size());
    for (SelectionNode operand : operands) {
      if (operand instanceof Or or) {
        flat.addAll(or.operands());
      } else {
        flat.add(Objects.requireNonNull(operand, "operand must not be null"));
      }
    }
    return flat.size() == 1 ? flat.get(0) : new Or(flat);
  }
}
