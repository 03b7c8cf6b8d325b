package io.chainwatch.store;

import java.sql.SQLException;

/** The triage store contract on PostgreSQL: a schema per test, made as {@link PostgresStoreTest} makes them. */
class PostgresTriageStoreTest extends TriageStoreContractTest {
  private final PostgresStoreTest schemas = new PostgresStoreTest();

  @Override
  String createDatabase() throws SQLException {
    return schemas.createDatabase();
  }

  @Override
  void dropDatabase() throws SQLException {
    schemas.dropDatabase();
  }
}
