import FluentKit

/// 043: decisions that change settings. What a proposal would change (each setting once per proposal) and
/// the day it takes effect; and the co-op's settings as decided: each value a passed proposal gave, from its
/// day (once per proposal and setting: a unique index, so a count run twice writes once). Append-only: a
/// later decision is a new row, and every setting keeps its history.
struct M043_Settings: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("proposal_changes")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("setting", .string, .required)
      .field("value", .int, .required)
      .field("takes_effect", .string, .required)
      .create()
    try await db.schema("coop_settings")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("setting", .string, .required)
      .field("value", .int, .required)
      .field("from_day", .string, .required)
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("recorded_at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex(
      "proposal_changes_once", on: "proposal_changes", columns: ["proposal_id", "setting"])
    try await dialect.createUniqueIndex("coop_settings_once", on: "coop_settings", columns: ["proposal_id", "setting"])
    try await dialect.createIndex("coop_settings_by_coop", on: "coop_settings", columns: ["coop_id", "from_day"])
    for table in ["proposal_changes", "coop_settings"] {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in ["coop_settings", "proposal_changes"] {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in ["coop_settings_by_coop", "coop_settings_once", "proposal_changes_once"] {
      try await dialect.dropIndex(index)
    }
    try await db.schema("coop_settings").delete()
    try await db.schema("proposal_changes").delete()
  }
}
