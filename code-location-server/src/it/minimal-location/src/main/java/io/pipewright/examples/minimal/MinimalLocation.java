package io.pipewright.examples.minimal;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The definitions of the minimal code location. */
@ApplicationScoped
public class MinimalLocation {

  @Produces
  @Singleton
  Definitions definitions() {
    OpDefinition hello = OpDefinition.builder("hello").noOutputs().compute((ctx, in) -> null).build();
    AssetDefinition raw = AssetDefinition.builder("raw").compute((ctx, in) -> 1).build();
    AssetDefinition clean =
        AssetDefinition.builder("clean")
            .input("raw", AssetIn.of(AssetKey.of("raw")))
            .compute((ctx, in) -> 2)
            .build();
    return Definitions.builder()
        .job(JobDefinition.builder("hello", hello).build())
        .assets(raw, clean)
        .build();
  }
}
