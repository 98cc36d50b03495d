package io.pipewright.postgres.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionInfoTest {

  @Test
  void shouldReadEveryPartWhenGivenAPostgresqlUrl() {
    ConnectionInfo info = ConnectionInfo.parse("postgresql://pw:s%40cret@db.example:6543/orders");

    assertThat(info).isEqualTo(new ConnectionInfo("db.example", 6543, "orders", "pw", "s@cret"));
    assertThat(info.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/orders");
    assertThat(info.reactiveUrl()).isEqualTo("postgresql://db.example:6543/orders");
  }

  @Test
  void shouldReadCredentialsFromTheQueryWhenGivenAJdbcUrl() {
    assertThat(ConnectionInfo.parse("jdbc:postgresql://localhost/app?user=u&password=p&ssl=false"))
        .isEqualTo(new ConnectionInfo("localhost", 5432, "app", "u", "p"));
  }

  @Test
  void shouldHideThePasswordWhenTheUrlIsIncomplete() {
    assertThatThrownBy(() -> ConnectionInfo.parse("postgresql://u:topsecret@localhost:5432/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a host, a database and a user")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> ConnectionInfo.parse("mysql://u@h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgresql://");
  }

  @Test
  void shouldConfigureTheReactiveAndJdbcDatasourceWhenAskedForQuarkusProperties() {
    assertThat(new ConnectionInfo("127.0.0.1", 5433, "t", "postgres", "").quarkusProperties())
        .containsEntry("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5433/t")
        .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5433/t")
        .containsEntry("quarkus.datasource.username", "postgres")
        .containsEntry("quarkus.datasource.db-kind", "postgresql");
  }
}
