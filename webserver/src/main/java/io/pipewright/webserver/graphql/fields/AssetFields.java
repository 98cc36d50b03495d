package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.asset.AssetIndex;
import io.pipewright.core.asset.AssetRecord;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.RootFieldRegistry;
import io.pipewright.webserver.graphql.RootFields;
import io.pipewright.webserver.graphql.view.AssetCheckViews;
import io.pipewright.webserver.graphql.view.AssetDefinitions;
import io.pipewright.webserver.graphql.view.AssetDefinitions.Defined;
import io.pipewright.webserver.graphql.view.AssetViews;
import io.pipewright.webserver.graphql.view.Json;
import io.pipewright.webserver.run.Await;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The asset queries: the catalog ({@code assetsOrError}, {@code assetOrError}), the definitions
 * ({@code assetNodes}, {@code assetNodeOrError}) and check executions.
 */
@ApplicationScoped
public class AssetFields implements RootFields {

  /** Assets answered when no limit is given. */
  public static final int DEFAULT_LIMIT = 1000;

  /** The largest page of assets. */
  public static final int MAX_LIMIT = 10_000;

  private final AssetIndex index;
  private final AssetDefinitions definitions;
  private final AssetViews views;
  private final AssetCheckViews checks;

  /**
   * Creates the fields.
   *
   * @param index the asset index
   * @param definitions the asset definitions of the loaded locations
   * @param views the assets' GraphQL objects
   * @param checks the checks' GraphQL objects
   */
  @Inject
  public AssetFields(
      AssetIndex index, AssetDefinitions definitions, AssetViews views, AssetCheckViews checks) {
    this.index = index;
    this.definitions = definitions;
    this.views = views;
    this.checks = checks;
  }

  @Override
  public void register(RootFieldRegistry registry) {
    registry
        .query(
            "assetsOrError",
            env ->
                assets(
                    env.getArgument("prefix"),
                    AssetSelectors.assetKeys(env.getArgument("assetKeys"), "assetKeys"),
                    env.getArgument("cursor"),
                    env.getArgument("limit")))
        .query(
            "assetOrError",
            env ->
                views.assetOrError(
                    AssetSelectors.assetKey(env.getArgument("assetKey"), "assetKey")))
        .query(
            "assetNodes",
            env ->
                nodes(
                    env.getArgument("group"),
                    env.getArgument("pipeline"),
                    AssetSelectors.assetKeys(env.getArgument("assetKeys"), "assetKeys")))
        .query(
            "assetNodeOrError",
            env -> {
              AssetKeySnapshot key =
                  AssetSelectors.assetKey(env.getArgument("assetKey"), "assetKey");
              return definitions
                  .find(key)
                  .map(views::node)
                  .orElseGet(() -> AssetViews.notFound(key));
            })
        .query(
            "assetCheckExecutions",
            env ->
                checks.executions(
                    AssetSelectors.assetKey(env.getArgument("assetKey"), "assetKey"),
                    env.getArgument("checkName"),
                    env.getArgument("partition"),
                    env.<Integer>getArgument("limit"),
                    env.getArgument("cursor")));
  }

  /**
   * The catalog: assets the event log knows, in key order. With {@code assetKeys}, those assets
   * that are stored or defined, in the order given.
   */
  private GqlObject assets(
      List<String> prefix, List<AssetKeySnapshot> keys, String cursor, Integer limit) {
    int size = limit(limit);
    List<GqlObject> nodes = new ArrayList<>();
    if (keys != null) {
      for (AssetKeySnapshot key : keys) {
        Optional<AssetRecord> record = Await.of(index.asset(key));
        if (record.isPresent() || definitions.find(key).isPresent()) {
          nodes.add(views.asset(key, record.orElse(null)));
        }
      }
      return GqlObject.of("AssetConnection").put("nodes", nodes).put("cursor", null);
    }
    AssetKeySnapshot after = cursor == null ? null : cursorKey(cursor);
    AssetKeySnapshot last = null;
    boolean more = true;
    while (nodes.size() < size && more) {
      List<AssetRecord> page = Await.of(index.list(after, size));
      more = page.size() == size;
      for (AssetRecord record : page) {
        after = record.assetKey();
        if (prefix == null || startsWith(record.assetKey(), prefix)) {
          nodes.add(views.asset(record.assetKey(), record));
          last = record.assetKey();
          if (nodes.size() == size) {
            break;
          }
        }
      }
    }
    return GqlObject.of("AssetConnection")
        .put("nodes", nodes)
        .put("cursor", last == null ? null : AssetViews.id(last));
  }

  private List<GqlObject> nodes(
      Map<String, Object> group, Map<String, Object> pipeline, List<AssetKeySnapshot> keys) {
    List<GqlObject> nodes = new ArrayList<>();
    for (Defined defined : definitions.all()) {
      if (group != null
          && !(AssetSelectors.namesTheRepository(group)
              && defined.location().name().equals(group.get("repositoryLocationName"))
              && defined.node().group().equals(group.get("groupName")))) {
        continue;
      }
      if (pipeline != null) {
        Selectors.JobSelector job = Selectors.job(pipeline, "pipeline");
        if (!(AssetSelectors.namesTheRepository(pipeline)
            && defined.location().name().equals(job.location())
            && defined.node().jobNames().contains(job.job()))) {
          continue;
        }
      }
      if (keys != null && !keys.contains(defined.key())) {
        continue;
      }
      nodes.add(views.node(defined));
    }
    return nodes;
  }

  private static boolean startsWith(AssetKeySnapshot key, List<String> prefix) {
    return key.path().size() >= prefix.size()
        && key.path().subList(0, prefix.size()).equals(prefix);
  }

  private static AssetKeySnapshot cursorKey(String cursor) {
    try {
      return new AssetKeySnapshot(Json.readStrings(cursor));
    } catch (IllegalArgumentException e) {
      throw new BadArgumentException(
          "cursor '"
              + cursor
              + "' is not an asset key's id (a JSON list of strings, such as [\"raw\", \"orders\"]);"
              + " pass the cursor of the previous page, or none for the first page");
    }
  }

  private static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
    }
    return limit;
  }
}
