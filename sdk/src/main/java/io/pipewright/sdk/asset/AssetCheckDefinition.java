package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.Failure;
import io.pipewright.sdk.In;
import io.pipewright.sdk.Inputs;
import io.pipewright.sdk.OpContext;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.Outputs;
import io.pipewright.sdk.event.AssetCheckEvaluation;
import io.pipewright.sdk.types.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data-quality checks on assets (Dagster's {@code @asset_check} and {@code @multi_asset_check}). A
 * check runs after its asset in the same run, or alone, loading the asset's stored value. Its
 * result is recorded as an {@code ASSET_CHECK_EVALUATION} event; a failed <em>blocking</em> check
 * of severity ERROR fails its step, so the asset's downstream assets in the run are skipped.
 *
 * <pre>{@code
 * AssetCheckDefinition noNegative = AssetCheckDefinition
 *     .builder("no_negative_amounts", AssetKey.of("raw", "orders"))
 *     .blocking(true)
 *     .compute((ctx, orders) -> ((List<Order>) orders).stream().allMatch(o -> o.amount() >= 0)
 *         ? AssetCheckResult.passed()
 *         : AssetCheckResult.failed("negative amounts"))
 *     .build();
 * }</pre>
 */
public final class AssetCheckDefinition {

  /** A single check: gets the asset's value, returns one result. */
  @FunctionalInterface
  public interface CheckBody {
    /**
     * Checks the asset.
     *
     * @param context the step's context
     * @param assetValue the asset's stored value ({@code null} when the check does not load it)
     * @return the result
     * @throws Exception a failure of the check itself (not a failed check)
     */
    AssetCheckResult check(OpContext context, Object assetValue) throws Exception;
  }

  /** A multi-check: gets its inputs, returns one result per declared check. */
  @FunctionalInterface
  public interface MultiCheckBody {
    /**
     * Runs the checks.
     *
     * @param context the step's context
     * @param inputs the loaded assets, by input name
     * @return one result per check, each naming its check with {@link AssetCheckResult#forCheck}
     * @throws Exception a failure of the checks themselves
     */
    List<AssetCheckResult> check(OpContext context, Inputs inputs) throws Exception;
  }

  private final String name;
  private final List<AssetCheckSpec> specs;
  private final OpDefinition op;
  private final List<DefinitionError> problems;

  private AssetCheckDefinition(
      String name, List<AssetCheckSpec> specs, OpDefinition op, List<DefinitionError> problems) {
    this.name = name;
    this.specs = List.copyOf(specs);
    this.op = op;
    this.problems = List.copyOf(problems);
  }

  /**
   * Starts a single check on an asset.
   *
   * @param checkName the check's name
   * @param asset the asset
   * @return a builder
   */
  public static Builder builder(String checkName, AssetKey asset) {
    return new Builder(checkName, asset);
  }

  /**
   * Starts a multi-check: one function that checks several things, possibly on several assets.
   *
   * @param opName the op's name
   * @return a builder
   */
  public static MultiBuilder multi(String opName) {
    return new MultiBuilder(opName);
  }

  /**
   * The op's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The checks it performs.
   *
   * @return the specs
   */
  public List<AssetCheckSpec> specs() {
    return specs;
  }

  /**
   * The op that runs the checks.
   *
   * @return the op
   */
  public OpDefinition op() {
    return op;
  }

  /**
   * Problems in the definition, reported when {@code Definitions} are built.
   *
   * @return the problems
   */
  public List<DefinitionError> problems() {
    return problems;
  }

  /** Turns results into events and outputs; fails the step when a blocking check blocks. */
  private static Object report(
      OpContext ctx, List<AssetCheckSpec> specs, List<AssetCheckResult> results) {
    Map<String, AssetCheckSpec> byId = new LinkedHashMap<>();
    for (AssetCheckSpec spec : specs) {
      byId.put(spec.asset().toUserString() + "#" + spec.name(), spec);
    }
    Outputs outputs = Outputs.none();
    List<String> blocked = new ArrayList<>();
    List<String> missing = new ArrayList<>(byId.keySet());
    for (AssetCheckResult result : results) {
      AssetCheckSpec spec =
          specs.size() == 1 && result.asset() == null
              ? specs.get(0)
              : byId.get(result.asset() + "#" + result.checkName());
      if (spec == null) {
        throw Failure.withoutRetries(
            "A check result names "
                + result.asset()
                + "#"
                + result.checkName()
                + ", which this op does not declare; declared: "
                + byId.keySet());
      }
      missing.remove(spec.asset().toUserString() + "#" + spec.name());
      AssetCheckEvaluation evaluation =
          new AssetCheckEvaluation(
              spec.asset(),
              spec.name(),
              result.success(),
              result.severity(),
              spec.blocking(),
              result.description(),
              result.metadata(),
              ctx.partitionKey().orElse(null));
      ctx.logEvent(evaluation);
      if (evaluation.blocks()) {
        blocked.add(spec.name() + " on " + spec.asset().toUserString());
      } else {
        outputs = outputs.and(spec.outputName(), null);
      }
    }
    if (!missing.isEmpty()) {
      throw Failure.withoutRetries("The checks " + missing + " reported no result.");
    }
    if (!blocked.isEmpty()) {
      throw Failure.withoutRetries(
          "Blocking check failed: "
              + String.join(", ", blocked)
              + "; downstream assets are not materialized.");
    }
    return outputs;
  }

  private static OpDefinition.Builder opFor(String opName, List<AssetCheckSpec> specs) {
    OpDefinition.Builder op = OpDefinition.builder(opName).noOutputs();
    for (AssetCheckSpec spec : specs) {
      op.output(Out.of(spec.outputName(), Types.NOTHING).asOptional());
    }
    return op;
  }

  /** Builds a single check. */
  public static final class Builder {
    private final String checkName;
    private final AssetKey asset;
    private boolean blocking;
    private String description;
    private boolean loadsAsset = true;
    private final List<String> resources = new ArrayList<>();
    private CheckBody body;

    private Builder(String checkName, AssetKey asset) {
      this.checkName = checkName;
      this.asset = asset;
    }

    /**
     * Makes the check blocking (default: not blocking).
     *
     * @param isBlocking whether a failure stops downstream assets
     * @return this builder
     */
    public Builder blocking(boolean isBlocking) {
      this.blocking = isBlocking;
      return this;
    }

    /**
     * Sets the description.
     *
     * @param text the description
     * @return this builder
     */
    public Builder description(String text) {
      this.description = text;
      return this;
    }

    /**
     * Does not load the asset's value (the check queries elsewhere); the function gets null.
     *
     * @return this builder
     */
    public Builder withoutAssetValue() {
      this.loadsAsset = false;
      return this;
    }

    /**
     * Declares resources.
     *
     * @param keys resource keys
     * @return this builder
     */
    public Builder requiredResources(String... keys) {
      resources.addAll(List.of(keys));
      return this;
    }

    /**
     * Sets the check function.
     *
     * @param check the function
     * @return this builder
     */
    public Builder compute(CheckBody check) {
      this.body = check;
      return this;
    }

    /**
     * Builds the check.
     *
     * @return the check
     */
    public AssetCheckDefinition build() {
      AssetCheckSpec spec = new AssetCheckSpec(asset, checkName, blocking, description);
      String opName = "check__" + AssetNames.identifier(asset) + "__" + checkName;
      OpDefinition.Builder op =
          opFor(opName, List.of(spec))
              .description(description)
              .requiredResources(resources.toArray(String[]::new));
      if (loadsAsset) {
        op.input(In.of("asset", Types.ANY).fromAsset(asset));
      } else {
        op.input(In.nothing("asset").fromAsset(asset));
      }
      CheckBody check = body;
      boolean load = loadsAsset;
      op.compute(
          (ctx, in) -> {
            if (check == null) {
              throw new IllegalStateException("check " + checkName + " has no function");
            }
            AssetCheckResult result = check.check(ctx, load ? in.get("asset") : null);
            return report(ctx, List.of(spec), List.of(result));
          });
      List<DefinitionError> problems = new ArrayList<>();
      if (body == null) {
        problems.add(
            new DefinitionError(
                "asset check '" + checkName + "' on " + asset.toUserString(),
                "it has no check function",
                "call compute((ctx, value) -> AssetCheckResult.passed())"));
      }
      return new AssetCheckDefinition(opName, List.of(spec), op.build(), problems);
    }
  }

  /** Builds a multi-check. */
  public static final class MultiBuilder {
    private final String opName;
    private final List<AssetCheckSpec> specs = new ArrayList<>();
    private final Map<String, AssetKey> inputs = new LinkedHashMap<>();
    private final List<String> resources = new ArrayList<>();
    private MultiCheckBody body;

    private MultiBuilder(String opName) {
      this.opName = opName;
    }

    /**
     * Declares a check it performs.
     *
     * @param spec the check
     * @return this builder
     */
    public MultiBuilder check(AssetCheckSpec spec) {
      specs.add(spec);
      return this;
    }

    /**
     * Loads an asset as an input.
     *
     * @param inputName the input
     * @param asset the asset
     * @return this builder
     */
    public MultiBuilder input(String inputName, AssetKey asset) {
      inputs.put(inputName, asset);
      return this;
    }

    /**
     * Declares resources.
     *
     * @param keys resource keys
     * @return this builder
     */
    public MultiBuilder requiredResources(String... keys) {
      resources.addAll(List.of(keys));
      return this;
    }

    /**
     * Sets the checks' function.
     *
     * @param check the function
     * @return this builder
     */
    public MultiBuilder compute(MultiCheckBody check) {
      this.body = check;
      return this;
    }

    /**
     * Builds the multi-check.
     *
     * @return the checks
     */
    public AssetCheckDefinition build() {
      OpDefinition.Builder op =
          opFor(opName, specs).requiredResources(resources.toArray(String[]::new));
      inputs.forEach((name, key) -> op.input(In.of(name, Types.ANY).fromAsset(key)));
      List<AssetCheckSpec> declared = List.copyOf(specs);
      MultiCheckBody check = body;
      op.compute((ctx, in) -> report(ctx, declared, check.check(ctx, in)));
      List<DefinitionError> problems = new ArrayList<>();
      String element = "multi asset check '" + opName + "'";
      if (body == null) {
        problems.add(new DefinitionError(element, "it has no check function", "call compute(...)"));
      }
      if (specs.isEmpty()) {
        problems.add(
            new DefinitionError(
                element, "it declares no check", "add .check(AssetCheckSpec.of(asset, name))"));
      }
      return new AssetCheckDefinition(opName, specs, op.build(), problems);
    }
  }
}
