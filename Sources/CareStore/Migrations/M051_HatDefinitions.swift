import FluentKit

/// 051: a hat's definition by decision — the new purpose and accountabilities a proposal carries and the day it
/// would take effect (once per proposal, a unique index), and the definitions passed decisions gave hats, each from a day with the decision
/// that made it (once per decision, a unique index). Append-only: a hat's history is never rewritten.
struct M051_HatDefinitions: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("proposal_hat_definitions")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("hat_id", .uuid, .required, .references("hats", "id"))
      .field("purpose", .string, .required)
      .field("accountabilities", .string, .required)
      .field("takes_effect", .string, .required)
      .create()
    try await db.schema("hat_definitions")
      .field("id", .uuid, .identifier(auto: false))
      .field("hat_id", .uuid, .required, .references("hats", "id"))
      .field("purpose", .string, .required)
      .field("accountabilities", .string, .required)
      .field("from_day", .string, .required)
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("recorded_at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex(
      "proposal_hat_definitions_once", on: "proposal_hat_definitions", columns: ["proposal_id"])
    try await dialect.createUniqueIndex("hat_definitions_once", on: "hat_definitions", columns: ["proposal_id"])
    try await dialect.createIndex("hat_definitions_by_hat", on: "hat_definitions", columns: ["hat_id"])
    try await dialect.makeAppendOnly("proposal_hat_definitions", "hat_definitions")
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.undoAppendOnly("hat_definitions", "proposal_hat_definitions")
    for index in ["hat_definitions_by_hat", "hat_definitions_once", "proposal_hat_definitions_once"] {
      try await dialect.dropIndex(index)
    }
    try await db.schema("hat_definitions").delete()
    try await db.schema("proposal_hat_definitions").delete()
  }
}
