package io.pipewright.webserver.graphql;

import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.webserver.ErrorSnapshots;
import java.util.ArrayList;
import java.util.List;

/** Errors as data: Dagster's {@code PythonError} and the {@code Error} types with a message. */
public final class Errors {

  private Errors() {}

  /**
   * Returns a {@code PythonError} for an error snapshot: message, class name, stack, the cause
   * chain ({@code cause}, {@code causes}) and the error chain (causes are explicit links, contexts
   * implicit ones).
   *
   * @param error the error
   * @return the object
   */
  public static GqlObject pythonError(ErrorSnapshot error) {
    List<GqlObject> causes = new ArrayList<>();
    for (ErrorSnapshot cause = error.cause(); cause != null; cause = cause.cause()) {
      causes.add(pythonError(cause));
    }
    List<GqlObject> chain = new ArrayList<>();
    if (error.cause() != null) {
      chain.add(link(error.cause(), true));
    }
    if (error.context() != null) {
      chain.add(link(error.context(), false));
    }
    return GqlObject.of("PythonError")
        .put("message", error.message())
        .put("className", error.className())
        .put("stack", error.stack())
        .put("cause", error.cause() == null ? null : pythonError(error.cause()))
        .put("causes", causes)
        .put("errorChain", chain);
  }

  /**
   * Returns a {@code PythonError} for an exception.
   *
   * @param error the exception
   * @return the object
   */
  public static GqlObject pythonError(Throwable error) {
    return pythonError(ErrorSnapshots.of(error));
  }

  /**
   * Returns a {@code PythonError} for a problem that is not an exception, such as a bad argument.
   *
   * @param className the kind of problem
   * @param message what is wrong and how to fix it
   * @return the object
   */
  public static GqlObject pythonError(String className, String message) {
    return pythonError(ErrorSnapshot.of(className, message));
  }

  /**
   * Returns an error object that has only a message, such as {@code RepositoryLocationNotFound}.
   *
   * @param typeName the error type
   * @param message the message
   * @return the object
   */
  public static GqlObject message(String typeName, String message) {
    return GqlObject.of(typeName).put("message", message);
  }

  private static GqlObject link(ErrorSnapshot error, boolean explicit) {
    return GqlObject.of("ErrorChainLink")
        .put("message", error.message())
        .put("error", pythonError(error))
        .put("isExplicitLink", explicit);
  }
}
