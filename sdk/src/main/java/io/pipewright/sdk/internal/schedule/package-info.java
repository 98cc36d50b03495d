/**
 * The machinery behind {@link io.pipewright.sdk.schedule}: cron parsing and fire-time search
 * (including the daylight-saving rules), the evaluation entry points the code location server calls
 * for a tick, the partitioned-schedule function, the multi-asset cursor format, and the validation
 * of schedules and sensors in definitions. Not part of the public API: users must not depend on
 * anything in this package.
 */
package io.pipewright.sdk.internal.schedule;
