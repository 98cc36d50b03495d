package io.pipewright.webserver.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Keeps parsed and validated documents by their text: clients send the same few documents again and
 * again (Dagster's client has seven), and parsing and validation cost more than many queries do.
 * Bounded, least recently used first out.
 */
final class DocumentCache implements PreparsedDocumentProvider {

  private final Map<String, PreparsedDocumentEntry> entries;

  DocumentCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(capacity * 2, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
      ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
    String query = input.getQuery();
    PreparsedDocumentEntry entry;
    synchronized (entries) {
      entry = entries.get(query);
    }
    if (entry == null) {
      entry = parseAndValidate.apply(input);
      synchronized (entries) {
        entries.put(query, entry);
      }
    }
    return CompletableFuture.completedFuture(entry);
  }
}
