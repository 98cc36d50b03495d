package io.pipewright.webserver.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps parsed and validated documents by their text: clients send the same few documents again and
 * again (Dagster's client has seven), and parsing and validation cost more than many queries do.
 * Bounded, least recently used first out.
 *
 * <p>Each entry also holds the fast path's compiled plans of its operations ({@link FastQueries}),
 * so that they leave the cache with their document.
 */
final class DocumentCache implements PreparsedDocumentProvider {

  /** A cached document and what the fast path compiled from it. */
  static final class Cached {

    private final PreparsedDocumentEntry entry;
    private final Map<Object, Object> plans = new ConcurrentHashMap<>();

    Cached(PreparsedDocumentEntry entry) {
      this.entry = entry;
    }

    PreparsedDocumentEntry entry() {
      return entry;
    }

    /** The fast path's compiled forms, by operation and include/skip variables. */
    Map<Object, Object> plans() {
      return plans;
    }
  }

  private final Map<String, Cached> entries;

  DocumentCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(capacity * 2, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
      ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
    String query = input.getQuery();
    Cached cached = lookup(query);
    if (cached == null) {
      cached = store(query, parseAndValidate.apply(input));
    }
    return CompletableFuture.completedFuture(cached.entry());
  }

  /**
   * Returns a document's entry, or null when it is not cached.
   *
   * @param query the document's text
   * @return the entry, or null
   */
  Cached lookup(String query) {
    synchronized (entries) {
      return entries.get(query);
    }
  }

  /**
   * Caches a parsed and validated document.
   *
   * @param query the document's text
   * @param entry the parsed document, or its errors
   * @return the cached entry (an earlier one when another request stored it first)
   */
  Cached store(String query, PreparsedDocumentEntry entry) {
    synchronized (entries) {
      Cached earlier = entries.get(query);
      if (earlier != null) {
        return earlier;
      }
      Cached cached = new Cached(entry);
      entries.put(query, cached);
      return cached;
    }
  }
}
