package io.pipewright.daemon.launch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.daemon.orchestrator.LaunchRequests;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepImagesTest {

  @Test
  void shouldTakeThePlansImageWhenThePlanNamesOne() {
    StepImages.Choice choice =
        StepImages.choose("etl", "orders_etl", "registry.example.com/etl:2", "mirror/etl:1");

    assertThat(choice.image()).isEqualTo("registry.example.com/etl:2");
    assertThat(choice.source()).isEqualTo(StepImages.Source.SNAPSHOT);
    assertThat(choice.found()).isTrue();
  }

  @Test
  void shouldFallBackToTheConfiguredImageWhenThePlanNamesNone() {
    assertThat(StepImages.choose("etl", "orders_etl", null, "registry.example.com/etl:1"))
        .isEqualTo(
            new StepImages.Choice(
                "registry.example.com/etl:1", StepImages.Source.CONFIGURATION, null));
    assertThat(StepImages.choose("etl", "orders_etl", "  ", " registry.example.com/etl:1 ").image())
        .isEqualTo("registry.example.com/etl:1");
  }

  @Test
  void shouldSayWhatToSetWhenNeitherNamesAnImage() {
    StepImages.Choice choice = StepImages.choose("sales", "daily_sales", null, "");

    assertThat(choice.found()).isFalse();
    assertThat(choice.problem())
        .contains("code location 'sales'")
        .contains("job 'daily_sales'")
        .contains("pipewright.code-location.image")
        .contains("PIPEWRIGHT_CURRENT_IMAGE")
        .contains("pipewright.daemon.locations.sales.image");
    assertThatThrownBy(choice::orElseThrow)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(choice.problem());
  }

  @Test
  void shouldChooseOverTheDaemonsConfiguredImagesWhenUsedByLaunchRequests() {
    LaunchRequests.ImageChooser chooser =
        StepImages.over(Map.of("etl", "registry.example.com/etl:1")::get);

    assertThat(chooser.image("etl", "orders_etl", "registry.example.com/etl:2"))
        .isEqualTo("registry.example.com/etl:2");
    assertThat(chooser.image("etl", "orders_etl", null)).isEqualTo("registry.example.com/etl:1");
    assertThatThrownBy(() -> chooser.image("assets", "daily_sales", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pipewright.daemon.locations.assets.image");
  }

  @Test
  void shouldRefuseAChoiceWithBothAnImageAndAProblem() {
    assertThatThrownBy(() -> new StepImages.Choice("etl:1", StepImages.Source.SNAPSHOT, "no image"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
