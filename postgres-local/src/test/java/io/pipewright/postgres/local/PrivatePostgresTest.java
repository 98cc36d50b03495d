package io.pipewright.postgres.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PrivatePostgresTest {

  private static String query(ConnectionInfo db, String sql) throws SQLException {
    try (Connection c = PrivatePostgres.connect(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void shouldServePostgres16WhenShared() throws SQLException {
    PrivatePostgres server = PrivatePostgres.shared();

    assertThat(PrivatePostgres.shared()).isSameAs(server);
    assertThat(query(server.admin(), "SHOW server_version")).startsWith("16.");
  }

  @Test
  void shouldCreateSeparateDatabasesWhenSuitesAskForFreshOnes() throws SQLException {
    PrivatePostgres server = PrivatePostgres.shared();

    ConnectionInfo a = server.createDatabase("suite");
    ConnectionInfo b = server.createDatabase("suite");
    try (Connection c = PrivatePostgres.connect(a);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE only_in_a (x int)");
    }

    assertThat(a.database()).startsWith("suite_").isNotEqualTo(b.database());
    assertThat(query(b, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'"))
        .isEqualTo("0");
    server.dropDatabase(a);
    server.dropDatabase(b);
    assertThatThrownBy(() -> PrivatePostgres.connect(a)).isInstanceOf(SQLException.class);
  }

  @Test
  void shouldReuseANamedDatabaseWhenAskedTwice() throws SQLException {
    PrivatePostgres server = PrivatePostgres.shared();

    ConnectionInfo first = server.database("named_db");
    try (Connection c = PrivatePostgres.connect(first);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept (x int)");
    }
    ConnectionInfo again = server.database("named_db");

    assertThat(query(again, "SELECT count(*) FROM pg_tables WHERE tablename = 'kept'"))
        .isEqualTo("1");
    server.dropDatabase(again);
  }

  @Test
  void shouldRejectABadNameWhenCreatingADatabase() {
    assertThatThrownBy(() -> PrivatePostgres.shared().createDatabase("x; DROP"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
