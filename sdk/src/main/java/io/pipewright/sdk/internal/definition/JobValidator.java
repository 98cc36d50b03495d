package io.pipewright.sdk.internal.definition;

import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.GraphDefinition.NodeInvocation;
import io.pipewright.sdk.HookDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.config.ConfigError;
import io.pipewright.sdk.config.ConfigErrorReason;
import io.pipewright.sdk.config.ConfigType;
import io.pipewright.sdk.config.ConfigValidator;
import io.pipewright.sdk.internal.Names;
import io.pipewright.sdk.internal.plan.FlatSelectionGraph;
import io.pipewright.sdk.internal.plan.GraphFlattener;
import io.pipewright.sdk.internal.plan.OpNode;
import io.pipewright.sdk.internal.selection.OpSelection;
import io.pipewright.sdk.resource.ResourceDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates a job as a whole: its ops' and graphs' own problems, missing resources, IO manager
 * keys, resource config schemas, the op selection and the default config. Every problem found is
 * returned, so that the user sees them all at once.
 */
public final class JobValidator {
  private JobValidator() {}

  /**
   * Validates a job.
   *
   * @param job the job, with every resource it will run with already bound
   * @return the problems; empty when the job is valid
   */
  public static List<DefinitionError> validate(JobDefinition job) {
    List<DefinitionError> found = new ArrayList<>();
    String element = "job '" + job.name() + "'";
    if (!Names.isValid(job.name())) {
      found.add(new DefinitionError(element, "the job name is not valid", Names.RULE));
    }
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    collectDefinitionProblems(job.graph(), element, seen, found);
    for (Map.Entry<String, ResourceDefinition<?>> e : job.resources().entrySet()) {
      e.getValue()
          .configProblem()
          .ifPresent(
              p ->
                  found.add(
                      new DefinitionError(
                          element + " > resource '" + e.getKey() + "' > config",
                          p,
                          "change the config record's components")));
    }
    if (!found.isEmpty()) {
      // Resources and selection are checked against the flattened graph, which needs valid wiring.
      return found;
    }
    List<OpNode> ops = GraphFlattener.flatten(job.graph());
    checkResources(job, ops, element, found);
    job.opSelection()
        .ifPresent(
            clauses -> {
              try {
                OpSelection.parse(clauses).resolve(new FlatSelectionGraph(ops));
              } catch (IllegalArgumentException e) {
                found.add(
                    new DefinitionError(
                        element + " > op selection",
                        e.getMessage(),
                        "select ops by their handles, such as 'extract' or 'etl.clean'"));
              }
            });
    ConfigType schema = JobConfigSchema.of(job, null);
    for (ConfigError error : ConfigValidator.validate(schema, job.defaultConfig().asMap(), "")) {
      if (error.reason() == ConfigErrorReason.MISSING_REQUIRED_FIELD) {
        // Default config may leave required fields to the run config of each launch.
        continue;
      }
      found.add(
          new DefinitionError(
              element + " > default config",
              error.message(),
              "fix the job's default config, or leave the field to run config"));
    }
    return found;
  }

  private static void collectDefinitionProblems(
      GraphDefinition graph, String prefix, Set<Object> seen, List<DefinitionError> found) {
    if (!seen.add(graph)) {
      return;
    }
    for (DefinitionError e : graph.problems()) {
      found.add(new DefinitionError(prefix + " > " + e.element(), e.problem(), e.fix()));
    }
    for (NodeInvocation node : graph.nodes()) {
      if (node.definition() instanceof OpDefinition op) {
        if (seen.add(op)) {
          for (DefinitionError e : op.problems()) {
            found.add(new DefinitionError(prefix + " > " + e.element(), e.problem(), e.fix()));
          }
        }
      } else {
        collectDefinitionProblems((GraphDefinition) node.definition(), prefix, seen, found);
      }
    }
  }

  private static void checkResources(
      JobDefinition job, List<OpNode> ops, String element, List<DefinitionError> found) {
    Map<String, ResourceDefinition<?>> bound = job.resources();
    Set<String> available = new TreeSet<>(bound.keySet());
    for (OpNode node : ops) {
      String where = element + " > op '" + node.handle() + "'";
      for (String key : node.op().requiredResourceKeys()) {
        if (!bound.containsKey(key)) {
          found.add(
              new DefinitionError(
                  where,
                  "it requires resource '" + key + "', which the job does not provide",
                  hint(key, available)));
        }
      }
      for (Out out : node.op().outputs()) {
        String key = out.ioManagerKey();
        ResourceDefinition<?> manager = bound.get(key);
        if (manager == null && !key.equals(Out.DEFAULT_IO_MANAGER_KEY)) {
          found.add(
              new DefinitionError(
                  where + " > output '" + out.name() + "'",
                  "it uses IO manager '" + key + "', which the job does not provide",
                  hint(key, available)));
        } else if (manager != null && !manager.isIoManager()) {
          found.add(
              new DefinitionError(
                  where + " > output '" + out.name() + "'",
                  "resource '" + key + "' is not an IO manager",
                  "bind an IO manager (IOManagers.filesystem(), or a resource built with"
                      + " .ioManager()) to '"
                      + key
                      + "'"));
        }
      }
    }
    for (HookDefinition hook : job.hooks()) {
      for (String key : hook.requiredResourceKeys()) {
        if (!bound.containsKey(key)) {
          found.add(
              new DefinitionError(
                  element + " > hook '" + hook.name() + "'",
                  "it requires resource '" + key + "', which the job does not provide",
                  hint(key, available)));
        }
      }
    }
  }

  private static String hint(String key, Set<String> available) {
    return "bind it with .resource(\""
        + key
        + "\", ...) on the job or on Definitions"
        + (available.isEmpty() ? "" : " (bound now: " + String.join(", ", available) + ")");
  }
}
