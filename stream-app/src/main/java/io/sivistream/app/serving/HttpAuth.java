package io.sivistream.app.serving;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Bearer-token authentication of the HTTP API. {@link Scope#PREDICT} guards the routes that
 * compute ({@code POST /api/models/{id}/predict}), {@link Scope#ALL} every route but
 * {@code /health}, which Kubernetes probes call without credentials. The token never appears in a
 * log line, an error message or {@link #toString()}.
 *
 * @param scope what needs the token
 * @param token the expected token; empty with {@link Scope#NONE}
 */
public record HttpAuth(Scope scope, String token) {

  /** The routes that need the token. */
  public enum Scope {
    /** No authentication (the default; the server binds 127.0.0.1 unless configured). */
    NONE,
    /** Only {@code POST .../predict}. */
    PREDICT,
    /** Every route except {@code /health}. */
    ALL;

    /** A scope from its config spelling, case-insensitive. */
    public static Scope parse(String s) {
      try {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("http.auth must be none, predict or all, got '" + s
            + "'", e);
      }
    }
  }

  /**
   * The shortest token accepted: 128 bits of a random token in hex or base64 is 22-32
   * characters, and shorter secrets are guessable.
   */
  public static final int MIN_TOKEN_LENGTH = 16;

  /** No authentication. */
  public static final HttpAuth NONE = new HttpAuth(Scope.NONE, "");

  public HttpAuth {
    if (scope != Scope.NONE && (token == null || token.length() < MIN_TOKEN_LENGTH)) {
      throw new IllegalArgumentException("http.auth " + scope.name().toLowerCase(Locale.ROOT)
          + " needs a token of at least " + MIN_TOKEN_LENGTH + " characters in the environment"
          + " variable named by http.tokenEnv");
    }
    token = token == null ? "" : token;
  }

  /** Whether a request to this path with this method needs the token. */
  public boolean guards(String method, String path) {
    return switch (scope) {
      case NONE -> false;
      case PREDICT -> method.equals("POST") && path.endsWith("/predict");
      case ALL -> !path.equals("/health");
    };
  }

  /** Whether an {@code Authorization} header carries the token (compared in constant time). */
  public boolean accepts(String authorization) {
    String prefix = "Bearer ";
    if (authorization == null || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return false;
    }
    byte[] given = authorization.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "HttpAuth[" + scope + (token.isEmpty() ? "" : ", token ***") + "]";
  }
}
