import FluentKit

/// 038: elections by secret ballot. An election's seats and its candidates (numbered in ballot order, with
/// the order drawn by lot); who has voted (a receipt per member and poll: a unique index, so nobody votes
/// twice, and no time kept); the ballots themselves, which name no member and keep no time, only the SHA-256
/// of the code the voter was shown (they are rewritten in that code's order at every new ballot, so neither
/// their ids nor where they sit on disk follow the order members voted in); and who was elected.
/// The ballots are the one table here that changes (a ballot changed with its code); the rest are append-only.
struct M038_Elections: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("proposal_elections")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("seats", .int, .required)
      .create()
    try await db.schema("proposal_candidates")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("number", .int, .required)
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("name", .string, .required)
      .field("lot", .int, .required)
      .create()
    try await db.schema("ballot_receipts")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("voter_id", .uuid, .required, .references("accounts", "id"))
      .field("how", .string, .required)
      .field("entered_by", .uuid, .references("accounts", "id"))
      .create()
    try await db.schema("secret_ballots")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("code_hash", .string, .required)
      .field("ranking", .string, .required)
      .create()
    try await db.schema("election_results")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("elected", .string, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex("proposal_elections_once", on: "proposal_elections", columns: ["proposal_id"])
    try await dialect.createUniqueIndex(
      "proposal_candidates_one_number", on: "proposal_candidates", columns: ["proposal_id", "number"])
    try await dialect.createUniqueIndex(
      "ballot_receipts_one_per_member", on: "ballot_receipts", columns: ["proposal_id", "voter_id"])
    try await dialect.createUniqueIndex("secret_ballots_one_per_code", on: "secret_ballots", columns: ["code_hash"])
    try await dialect.createIndex("secret_ballots_by_proposal", on: "secret_ballots", columns: ["proposal_id"])
    try await dialect.createUniqueIndex("election_results_once", on: "election_results", columns: ["proposal_id"])
    for table in Self.appendOnly {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  static let appendOnly = ["proposal_elections", "proposal_candidates", "ballot_receipts", "election_results"]

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in Self.appendOnly.reversed() {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in [
      "election_results_once", "secret_ballots_by_proposal", "secret_ballots_one_per_code",
      "ballot_receipts_one_per_member", "proposal_candidates_one_number", "proposal_elections_once",
    ] {
      try await dialect.dropIndex(index)
    }
    for table in ["election_results", "secret_ballots", "ballot_receipts", "proposal_candidates", "proposal_elections"]
    {
      try await db.schema(table).delete()
    }
  }
}
