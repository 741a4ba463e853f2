import FluentKit

/// 041: an election that fills a hat: which hat, and the last day of the term the one elected serves (one per
/// proposal). Append-only.
struct M041_HatElections: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("proposal_hats")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("hat_id", .uuid, .required, .references("hats", "id"))
      .field("term_end", .string, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex("proposal_hats_once", on: "proposal_hats", columns: ["proposal_id"])
    try await dialect.createAppendOnlyGuard(table: "proposal_hats")
    try await dialect.createAppendOnlyGuardExtras(table: "proposal_hats")
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropAppendOnlyGuardExtras(table: "proposal_hats")
    try await dialect.dropAppendOnlyGuard(table: "proposal_hats")
    try await dialect.dropIndex("proposal_hats_once")
    try await db.schema("proposal_hats").delete()
  }
}
