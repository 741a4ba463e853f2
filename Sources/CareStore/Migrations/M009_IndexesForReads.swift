import FluentKit

/// 009: indexes for the reads every page makes, so they stay fast as the log and the co-op grow:
/// - the audit log by co-op, person and time (every team view writes a line; "who looked" reads them back
///   newest first), and by co-op and time;
/// - memberships, holdings and people by whoever and whatever they are read by (a requester's circles,
///   hats and teams are loaded on every request).
/// The unique and partial unique indexes of 001–008 already serve their own lookups (sessions and links by
/// token hash, accounts by e-mail within a co-op, open rows).
struct M009_IndexesForReads: AsyncMigration {
  static let indexes: [(name: String, table: String, columns: [String])] = [
    ("audit_by_person_and_time", "audit_events", ["coop_id", "person_id", "at"]),
    ("audit_by_coop_and_time", "audit_events", ["coop_id", "at"]),
    ("accounts_by_coop", "accounts", ["coop_id"]),
    ("members_by_account", "members", ["account_id"]),
    ("members_by_coop", "members", ["coop_id"]),
    ("people_by_coop", "people", ["coop_id"]),
    ("people_by_account", "people", ["account_id"]),
    ("people_by_circle", "people", ["circle_id"]),
    ("team_memberships_by_person", "team_memberships", ["person_id"]),
    ("team_memberships_by_account", "team_memberships", ["account_id"]),
    ("circles_by_coop", "circles", ["coop_id"]),
    ("circle_memberships_by_account", "circle_memberships", ["account_id"]),
    ("circle_memberships_by_circle", "circle_memberships", ["circle_id"]),
    ("hats_by_coop", "hats", ["coop_id"]),
    ("hat_holdings_by_account", "hat_holdings", ["account_id"]),
    ("hat_holdings_by_hat", "hat_holdings", ["hat_id"]),
  ]

  func prepare(on db: any Database) async throws {
    let dialect = Dialect(db)
    for index in Self.indexes {
      try await dialect.createIndex(index.name, on: index.table, columns: index.columns)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for index in Self.indexes.reversed() { try await dialect.dropIndex(index.name) }
  }
}
