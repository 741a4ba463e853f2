import FluentKit

/// 006: the "only one open …" rules are kept by the database itself, so parallel requests on
/// PostgreSQL's pool cannot both win (SQLite is safe only because it has one connection):
/// - one open (invited or active) team membership per person and account;
/// - one open circle membership per circle and account;
/// - one open holding per hat (a handover ends the open one the day the new term starts);
/// - one first-run setup per deployment;
/// - the audit log also refuses SQLite's `INSERT OR REPLACE` and PostgreSQL's `TRUNCATE`.
/// A deployment holding duplicates from before stops here with the index named; close them by hand.
struct M006_OneOpenRowConstraints: AsyncMigration {
  static let indexes: [(name: String, table: String, columns: [String], condition: String)] = [
    ("team_memberships_one_open", "team_memberships", ["person_id", "account_id"], "status IN ('invited', 'active')"),
    ("circle_memberships_one_open", "circle_memberships", ["circle_id", "account_id"], "left_at IS NULL"),
    ("hat_holdings_one_open", "hat_holdings", ["hat_id"], "ended_on IS NULL"),
  ]

  func prepare(on db: any Database) async throws {
    let dialect = Dialect(db)
    for index in Self.indexes {
      try await dialect.createPartialUniqueIndex(
        index.name, on: index.table, columns: index.columns, where: index.condition)
    }
    try await db.schema("first_run")
      .field("key", .string, .identifier(auto: false))
      .field("at", .datetime, .required)
      .create()
    try await dialect.createAppendOnlyGuardExtras(table: "audit_events")
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropAppendOnlyGuardExtras(table: "audit_events")
    try await db.schema("first_run").delete()
    for index in Self.indexes.reversed() { try await dialect.dropIndex(index.name) }
  }
}
