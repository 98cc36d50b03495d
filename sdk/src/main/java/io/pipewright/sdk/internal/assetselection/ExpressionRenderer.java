package io.pipewright.sdk.internal.assetselection;

import java.util.List;

/**
 * Writes a {@link SelectionNode} back in the syntax {@link ExpressionParser} reads, such that
 * parsing the result gives an equal tree.
 *
 * <p>Keys are always quoted ({@code key:"a/b"}), because an unquoted key value swallows a following
 * {@code *} as a wildcard; other values are quoted only when they must be. Parentheses appear only
 * where precedence needs them.
 */
public final class ExpressionRenderer {

  // Binding strength, loosest first: what an operand must at least have to go unparenthesized.
  private static final int OR = 1;
  private static final int AND = 2;
  private static final int NOT = 3;
  private static final int TRAVERSAL = 4;
  private static final int PRIMARY = 5;

  private ExpressionRenderer() {}

  /**
   * Renders {@code node}.
   *
   * @param node the tree
   * @return the expression
   */
  public static String render(SelectionNode node) {
    StringBuilder out = new StringBuilder(32);
    render(node, OR, out);
    return out.toString();
  }

  private static void render(SelectionNode node, int needed, StringBuilder out) {
    boolean parenthesize = strength(node) < needed;
    if (parenthesize) {
      out.append('(');
    }
    if (node instanceof SelectionNode.All) {
      out.append('*');
    } else if (node instanceof SelectionNode.Key key) {
      out.append("key:").append(quote(key.key().toUserString()));
    } else if (node instanceof SelectionNode.KeyPattern pattern) {
      out.append("key:").append(quote(pattern.pattern()));
    } else if (node instanceof SelectionNode.Group group) {
      out.append("group:").append(value(group.group()));
    } else if (node instanceof SelectionNode.Kind kind) {
      out.append("kind:").append(value(kind.kind()));
    } else if (node instanceof SelectionNode.Owner owner) {
      out.append("owner:").append(value(owner.owner()));
    } else if (node instanceof SelectionNode.Tag tag) {
      out.append("tag:").append(value(tag.key()));
      if (tag.value() != null) {
        out.append('=').append(value(tag.value()));
      }
    } else if (node instanceof SelectionNode.Traverse traverse) {
      renderTraversal(traverse, out);
    } else if (node instanceof SelectionNode.Not not) {
      out.append("not ");
      render(not.operand(), NOT, out);
    } else if (node instanceof SelectionNode.And and) {
      join(and.operands(), " and ", NOT, out);
    } else if (node instanceof SelectionNode.Or or) {
      join(or.operands(), " or ", AND, out);
    } else {
      throw new IllegalStateException("unknown selection node " + node);
    }
    if (parenthesize) {
      out.append(')');
    }
  }

  private static void join(
      List<SelectionNode> operands, String operator, int needed, StringBuilder out) {
    for (int i = 0; i < operands.size(); i++) {
      if (i > 0) {
        out.append(operator);
      }
      render(operands.get(i), needed, out);
    }
  }

  private static int strength(SelectionNode node) {
    if (node instanceof SelectionNode.Or) {
      return OR;
    }
    if (node instanceof SelectionNode.And) {
      return AND;
    }
    if (node instanceof SelectionNode.Not) {
      return NOT;
    }
    // '*' cannot be traversed, so as the operand of a traversal it needs parentheses.
    if (node instanceof SelectionNode.Traverse || node instanceof SelectionNode.All) {
      return TRAVERSAL;
    }
    return PRIMARY;
  }

  private static void renderTraversal(SelectionNode.Traverse traverse, StringBuilder out) {
    int up = traverse.up();
    if (up == SelectionNode.ALL_LEVELS) {
      out.append('*');
    } else if (up > 1) {
      out.append(up).append('+');
    } else if (up == 1) {
      out.append('+');
    }
    render(traverse.operand(), PRIMARY, out);
    int down = traverse.down();
    if (down == SelectionNode.ALL_LEVELS) {
      out.append('*');
    } else if (down > 1) {
      out.append('+').append(down);
    } else if (down == 1) {
      out.append('+');
    }
  }

  /**
   * Returns {@code value} as written after an attribute: as is when it consists of value characters
   * only, quoted otherwise.
   *
   * @param value the value
   * @return the value, quoted if needed
   */
  static String value(String value) {
    if (value.isEmpty()) {
      return "\"\"";
    }
    for (int i = 0; i < value.length(); i++) {
      if (!Scanner.isValueChar(value.charAt(i))) {
        return quote(value);
      }
    }
    return value;
  }

  /**
   * Returns {@code value} in double quotes, with {@code "} and {@code \} escaped by a backslash.
   *
   * @param value the value
   * @return the quoted value
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }
}
