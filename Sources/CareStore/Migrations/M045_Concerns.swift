import FluentKit

/// 045: concerns, suggestions and compliments members raise, and each step one takes (acknowledged, being
/// looked into, its outcome): each state once per concern (a unique index, so two hat holders moving it at
/// the same moment keep one). Append-only: a concern's history is never rewritten.
struct M045_Concerns: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("concerns")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("raised_by", .uuid, .required, .references("accounts", "id"))
      .field("kind", .string, .required)
      .field("title", .string, .required)
      .field("text", .string, .required)
      .field("raised_at", .datetime, .required)
      .create()
    try await db.schema("concern_steps")
      .field("id", .uuid, .identifier(auto: false))
      .field("concern_id", .uuid, .required, .references("concerns", "id"))
      .field("state", .string, .required)
      .field("note", .string, .required)
      .field("by", .uuid, .required, .references("accounts", "id"))
      .field("at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex("concerns_by_coop", on: "concerns", columns: ["coop_id", "raised_at"])
    try await dialect.createIndex("concerns_by_raiser", on: "concerns", columns: ["raised_by"])
    try await dialect.createUniqueIndex("concern_steps_once", on: "concern_steps", columns: ["concern_id", "state"])
    for table in ["concerns", "concern_steps"] {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in ["concern_steps", "concerns"] {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in ["concern_steps_once", "concerns_by_raiser", "concerns_by_coop"] { try await dialect.dropIndex(index) }
    try await db.schema("concern_steps").delete()
    try await db.schema("concerns").delete()
  }
}
