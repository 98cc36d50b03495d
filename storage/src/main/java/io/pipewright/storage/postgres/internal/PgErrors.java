package io.pipewright.storage.postgres.internal;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;

/** Recognises PostgreSQL errors that the adapters turn into the ports' own failures. */
public final class PgErrors {

  /** SQLSTATE of a unique constraint violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  private PgErrors() {}

  /**
   * Tells whether a failure is a unique constraint violation, however Hibernate or Vert.x wrapped
   * it.
   *
   * @param failure the failure
   * @return true when a unique constraint was violated
   */
  public static boolean isUniqueViolation(Throwable failure) {
    return UNIQUE_VIOLATION.equals(sqlState(failure));
  }

  /**
   * Tells whether a failure is a unique violation of one constraint.
   *
   * @param failure the failure
   * @param constraint the constraint's name
   * @return true when that constraint was violated
   */
  public static boolean isUniqueViolation(Throwable failure, String constraint) {
    if (!isUniqueViolation(failure)) {
      return false;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg && pg.getConstraint() != null) {
        return constraint.equals(pg.getConstraint());
      }
      if (t instanceof ConstraintViolationException c && c.getConstraintName() != null) {
        return c.getConstraintName().contains(constraint);
      }
      // Hibernate Reactive keeps only PostgreSQL's message, which names the constraint in quotes.
      if (t.getMessage() != null && t.getMessage().contains("\"" + constraint + "\"")) {
        return true;
      }
    }
    return false;
  }

  private static String sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg) {
        return pg.getSqlState();
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }
}
