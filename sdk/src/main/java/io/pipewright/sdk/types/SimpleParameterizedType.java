package io.pipewright.sdk.types;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;

/**
 * A top-level parameterized type such as {@code List<Row>}, built without reflection so that {@link
 * DataType#javaType()} can describe generic collections to deserializers (Jackson's {@code
 * TypeFactory.constructType} reads the raw type and the arguments). Equality and hash code follow
 * the contract of {@link ParameterizedType}, so an instance equals the JDK's own representation of
 * the same type.
 */
final class SimpleParameterizedType implements ParameterizedType {

  private final Class<?> rawType;
  private final Type[] arguments;

  SimpleParameterizedType(Class<?> rawType, Type... arguments) {
    this.rawType = rawType;
    this.arguments = arguments.clone();
  }

  @Override
  public Type[] getActualTypeArguments() {
    return arguments.clone();
  }

  @Override
  public Type getRawType() {
    return rawType;
  }

  @Override
  public Type getOwnerType() {
    return rawType.getDeclaringClass();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterizedType other
        && rawType.equals(other.getRawType())
        && Objects.equals(getOwnerType(), other.getOwnerType())
        && Arrays.equals(arguments, other.getActualTypeArguments());
  }

  @Override
  public int hashCode() {
    // The JDK's formula, so that mixed sets of ours and the JDK's behave.
    return Arrays.hashCode(arguments) ^ Objects.hashCode(getOwnerType()) ^ rawType.hashCode();
  }

  @Override
  public String getTypeName() {
    StringBuilder out = new StringBuilder(rawType.getName()).append('<');
    for (int i = 0; i < arguments.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(arguments[i].getTypeName());
    }
    return out.append('>').toString();
  }

  @Override
  public String toString() {
    return getTypeName();
  }
}
