/**
 * Pipewright types (Dagster types): runtime checks of the values that flow between ops.
 *
 * <p>Every op input and output has a {@link io.pipewright.sdk.types.DataType}. Before an op runs,
 * each input value is checked against its type; after it returns, each output value is. A failed
 * {@link io.pipewright.sdk.types.TypeCheck} fails the step with a message saying what was expected
 * and what arrived. {@link io.pipewright.sdk.types.Types} holds the built-in types and the
 * factories for lists, maps, optional values and user classes:
 *
 * <pre>{@code
 * DataType rows = Types.list(Types.of(Row.class));     // List[Row]
 * DataType maybeCount = Types.optional(Types.INT);     // Optional[Int]
 * }</pre>
 *
 * <p>Types also tell IO managers which Java type to deserialize stored values into ({@link
 * io.pipewright.sdk.types.DataType#javaType()}).
 */
package io.pipewright.sdk.types;
