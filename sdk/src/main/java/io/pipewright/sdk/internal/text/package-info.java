/**
 * Text rendering helpers shared by the SDK's value types (abbreviation, value rendering, compact
 * JSON). Not part of the public API: users must not depend on anything in this package.
 */
package io.pipewright.sdk.internal.text;
