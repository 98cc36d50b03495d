package io.pipewright.sdk.schedule;

import io.pipewright.sdk.asset.AssetSelection;
import java.time.Duration;

/** The attributes every kind of sensor has, as its builder collected them. */
record SensorAttributes(
    String name,
    String description,
    String jobName,
    AssetSelection assetSelection,
    Duration minimumInterval,
    DefaultStatus defaultStatus) {

  String target() {
    return jobName != null
        ? "job " + jobName
        : assetSelection != null ? "assets " + assetSelection : "no target";
  }
}
