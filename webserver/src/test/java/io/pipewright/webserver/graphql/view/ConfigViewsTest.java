package io.pipewright.webserver.graphql.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.ConfigFieldSnapshot;
import io.pipewright.core.snapshot.ConfigSchemaSnapshot;
import io.pipewright.webserver.graphql.GqlObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigViewsTest {

  private static final ConfigSchemaSnapshot INT =
      new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.INT);
  private static final ConfigSchemaSnapshot ITEM =
      new ConfigSchemaSnapshot.Shape(
          List.of(new ConfigFieldSnapshot("size", INT, true, null, null)));
  private static final ConfigSchemaSnapshot ROOT =
      new ConfigSchemaSnapshot.Shape(
          List.of(
              new ConfigFieldSnapshot(
                  "items", new ConfigSchemaSnapshot.Array(ITEM), true, null, null),
              new ConfigFieldSnapshot(
                  "label",
                  new ConfigSchemaSnapshot.Noneable(
                      new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.STRING)),
                  false,
                  "x",
                  null)));

  @Test
  void shouldSplitDottedPathsWithListIndexes() {
    assertThat(ConfigViews.splitPath("ops.extract.config.items[2].size"))
        .containsExactly("ops", "extract", "config", "items", "2", "size");
    assertThat(ConfigViews.splitPath("")).isEmpty();
  }

  @Test
  void shouldKeyTypesAsDagsterDoes() {
    assertThat(ConfigViews.key(INT)).isEqualTo("Int");
    assertThat(
            ConfigViews.key(new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.LONG)))
        .isEqualTo("Int");
    assertThat(ConfigViews.key(new ConfigSchemaSnapshot.Array(INT))).isEqualTo("Array.Int");
    assertThat(ConfigViews.key(new ConfigSchemaSnapshot.MapOf(INT))).isEqualTo("Map.String.Int");
    assertThat(ConfigViews.key(ROOT)).startsWith("Shape.").isNotEqualTo(ConfigViews.key(ITEM));
  }

  @Test
  void shouldFindTheMissingFieldThroughListsWhenAFieldIsMissing() {
    ConfigErrorSnapshot error =
        new ConfigErrorSnapshot(
            "items[1]",
            ConfigErrorSnapshot.Reason.MISSING_REQUIRED_FIELD,
            "items[1]: missing required field 'size' (Int)");

    GqlObject object = ConfigViews.error(error, ROOT);

    assertThat(object.typeName()).isEqualTo("MissingFieldConfigError");
    assertThat(object.peek("path")).isEqualTo(List.of("items", "1"));
    assertThat(((GqlObject) object.peek("field")).peek("name")).isEqualTo("size");
    GqlObject stack = (GqlObject) object.peek("stack");
    List<?> entries = (List<?>) stack.peek("entries");
    assertThat(((GqlObject) entries.get(1)).typeName()).isEqualTo("EvaluationStackListItemEntry");
    assertThat(((GqlObject) entries.get(1)).peek("listIndex")).isEqualTo(1);
  }

  @Test
  void shouldReportAnUndefinedFieldAtItsParentWithItsName() {
    GqlObject object =
        ConfigViews.error(
            new ConfigErrorSnapshot(
                "items[0].colour", ConfigErrorSnapshot.Reason.UNEXPECTED_FIELD, "unexpected field"),
            ROOT);

    assertThat(object.typeName()).isEqualTo("FieldNotDefinedConfigError");
    assertThat(object.peek("path")).isEqualTo(List.of("items", "0"));
    assertThat(object.peek("fieldName")).isEqualTo("colour");
    assertThat(object.peek("reason")).isEqualTo("FIELD_NOT_DEFINED");
  }

  @Test
  void shouldFallBackToAMismatchWhenTheMissingFieldCannotBeFound() {
    GqlObject object =
        ConfigViews.error(
            new ConfigErrorSnapshot("", ConfigErrorSnapshot.Reason.MISSING_REQUIRED_FIELD, "gone"),
            ROOT);

    assertThat(object.typeName()).isEqualTo("RuntimeMismatchConfigError");
    assertThat(object.peek("reason")).isEqualTo("MISSING_REQUIRED_FIELD");
  }

  @Test
  void shouldListEveryNestedTypeOnceWithTheRootFirst() {
    List<GqlObject> all = ConfigViews.all(ROOT);

    assertThat(all)
        .extracting(t -> t.peek("key"))
        .containsExactly(
            ConfigViews.key(ROOT),
            "Array." + ConfigViews.key(ITEM),
            ConfigViews.key(ITEM),
            "Int",
            "Noneable.String",
            "String");
  }
}
