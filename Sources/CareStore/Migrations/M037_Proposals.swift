import FluentKit

/// 037: proposals put to the co-op, every answer given to one (a member's new answer replaces their last for
/// the count; both are kept; a postal or proxy vote says who entered it), and each closed poll's result (one per proposal: a unique index, so two counts
/// at once keep one). All append-only.
struct M037_Proposals: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("proposals")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("title", .string, .required)
      .field("text", .string, .required)
      .field("kind", .string, .required)
      .field("share", .string, .required)
      .field("quorum", .int, .required)
      .field("opens_at", .datetime, .required)
      .field("closes_at", .datetime, .required)
      .field("created_by", .uuid, .required, .references("accounts", "id"))
      .field("created_at", .datetime, .required)
      .create()
    try await db.schema("proposal_votes")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("voter_id", .uuid, .required, .references("accounts", "id"))
      .field("choice", .string, .required)
      .field("reason", .string, .required)
      .field("how", .string, .required)
      .field("entered_by", .uuid, .references("accounts", "id"))
      .field("at", .datetime, .required)
      .create()
    try await db.schema("proposal_results")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("outcome", .string, .required)
      .field("tally", .string, .required)
      .field("turnout", .int, .required)
      .field("counted_at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex("proposals_by_coop", on: "proposals", columns: ["coop_id", "closes_at"])
    try await dialect.createIndex("proposal_votes_by_proposal", on: "proposal_votes", columns: ["proposal_id", "at"])
    try await dialect.createUniqueIndex("proposal_results_once", on: "proposal_results", columns: ["proposal_id"])
    for table in ["proposals", "proposal_votes", "proposal_results"] {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in ["proposal_results", "proposal_votes", "proposals"] {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in ["proposal_results_once", "proposal_votes_by_proposal", "proposals_by_coop"] {
      try await dialect.dropIndex(index)
    }
    try await db.schema("proposal_results").delete()
    try await db.schema("proposal_votes").delete()
    try await db.schema("proposals").delete()
  }
}
