import FluentKit

/// 048: members' meetings — each called once with its agenda (items numbered once per meeting, a decision
/// linked to its proposal), the attendance taken (a correction is a new line: the latest stands) and the
/// minutes, each version's notes once per item (a unique index: two writers at once keep one version).
/// Append-only: what notice said, who came and what was minuted are never rewritten.
struct M048_Meetings: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("meetings")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("kind", .string, .required)
      .field("title", .string, .required)
      .field("starts_at", .datetime, .required)
      .field("length_minutes", .int, .required)
      .field("place", .string, .required)
      .field("quorum", .int, .required)
      .field("called_by", .uuid, .required, .references("accounts", "id"))
      .field("called_at", .datetime, .required)
      .create()
    try await db.schema("meeting_items")
      .field("id", .uuid, .identifier(auto: false))
      .field("meeting_id", .uuid, .required, .references("meetings", "id"))
      .field("number", .int, .required)
      .field("title", .string, .required)
      .field("proposal_id", .uuid, .references("proposals", "id"))
      .create()
    try await db.schema("meeting_attendance")
      .field("id", .uuid, .identifier(auto: false))
      .field("meeting_id", .uuid, .required, .references("meetings", "id"))
      .field("member_id", .uuid, .required, .references("accounts", "id"))
      .field("way", .string, .required)
      .field("proxy_id", .uuid, .references("accounts", "id"))
      .field("recorded_by", .uuid, .required, .references("accounts", "id"))
      .field("recorded_at", .datetime, .required)
      .create()
    try await db.schema("meeting_minutes")
      .field("id", .uuid, .identifier(auto: false))
      .field("meeting_id", .uuid, .required, .references("meetings", "id"))
      .field("version", .int, .required)
      .field("item", .int, .required)
      .field("text", .string, .required)
      .field("written_by", .uuid, .required, .references("accounts", "id"))
      .field("written_at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex("meetings_by_coop", on: "meetings", columns: ["coop_id", "starts_at"])
    try await dialect.createUniqueIndex("meeting_items_once", on: "meeting_items", columns: ["meeting_id", "number"])
    try await dialect.createIndex(
      "meeting_attendance_by_meeting", on: "meeting_attendance", columns: ["meeting_id", "recorded_at"])
    try await dialect.createUniqueIndex(
      "meeting_minutes_once", on: "meeting_minutes", columns: ["meeting_id", "version", "item"])
    for table in Self.tables {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  static let tables = ["meetings", "meeting_items", "meeting_attendance", "meeting_minutes"]

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in Self.tables.reversed() {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in ["meeting_minutes_once", "meeting_attendance_by_meeting", "meeting_items_once", "meetings_by_coop"] {
      try await dialect.dropIndex(index)
    }
    for table in Self.tables.reversed() { try await db.schema(table).delete() }
  }
}
