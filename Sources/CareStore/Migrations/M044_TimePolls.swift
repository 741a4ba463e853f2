import FluentKit

/// 044: time polls. The times a poll offers (numbered once per proposal), each member's answers to them (a
/// new set replaces their last for the count; both are kept; a postal or proxy set says who entered it), and
/// the time chosen when it closed (once per proposal: a unique index, so two counts at once keep one).
/// Append-only.
struct M044_TimePolls: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("proposal_times")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("number", .int, .required)
      .field("day", .string, .required)
      .field("start", .int, .required)
      .field("minutes", .int, .required)
      .create()
    try await db.schema("time_answers")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("voter_id", .uuid, .required, .references("accounts", "id"))
      .field("answers", .string, .required)
      .field("how", .string, .required)
      .field("entered_by", .uuid, .references("accounts", "id"))
      .field("at", .datetime, .required)
      .create()
    try await db.schema("time_poll_results")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("chosen", .int, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex(
      "proposal_times_once", on: "proposal_times", columns: ["proposal_id", "number"])
    try await dialect.createIndex("time_answers_by_proposal", on: "time_answers", columns: ["proposal_id", "at"])
    try await dialect.createUniqueIndex("time_poll_results_once", on: "time_poll_results", columns: ["proposal_id"])
    for table in Self.tables {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  static let tables = ["proposal_times", "time_answers", "time_poll_results"]

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in Self.tables.reversed() {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in ["time_poll_results_once", "time_answers_by_proposal", "proposal_times_once"] {
      try await dialect.dropIndex(index)
    }
    for table in Self.tables.reversed() { try await db.schema(table).delete() }
  }
}
