import FluentKit

/// 049: decisions put to one circle — the proposal's circle (once per proposal, a unique index) — and the
/// values a circle's decisions gave its own settings (its size guide), each from a day with the decision that
/// made it (once per decision and setting, a unique index). Append-only: a setting's history is never
/// rewritten.
struct M049_CircleDecisions: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("proposal_circles")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("circle_id", .uuid, .required, .references("circles", "id"))
      .create()
    try await db.schema("circle_settings")
      .field("id", .uuid, .identifier(auto: false))
      .field("circle_id", .uuid, .required, .references("circles", "id"))
      .field("setting", .string, .required)
      .field("value", .int, .required)
      .field("from_day", .string, .required)
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("recorded_at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex("proposal_circles_once", on: "proposal_circles", columns: ["proposal_id"])
    try await dialect.createIndex("proposal_circles_by_circle", on: "proposal_circles", columns: ["circle_id"])
    try await dialect.createIndex("circle_settings_by_circle", on: "circle_settings", columns: ["circle_id"])
    try await dialect.createUniqueIndex(
      "circle_settings_once", on: "circle_settings", columns: ["proposal_id", "setting"])
    for table in ["proposal_circles", "circle_settings"] {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in ["circle_settings", "proposal_circles"] {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    let indexes = [
      "circle_settings_once", "circle_settings_by_circle", "proposal_circles_by_circle", "proposal_circles_once",
    ]
    for index in indexes {
      try await dialect.dropIndex(index)
    }
    try await db.schema("circle_settings").delete()
    try await db.schema("proposal_circles").delete()
  }
}
