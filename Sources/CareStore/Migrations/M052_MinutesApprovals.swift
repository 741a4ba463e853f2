import FluentKit

/// 052: a later meeting's approval of a meeting's minutes as a true record — the version approved, the meeting
/// that approved it, who recorded it — once per meeting (a unique index: two at once keep one). Append-only.
struct M052_MinutesApprovals: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("meeting_minutes_approvals")
      .field("id", .uuid, .identifier(auto: false))
      .field("meeting_id", .uuid, .required, .references("meetings", "id"))
      .field("version", .int, .required)
      .field("at_meeting_id", .uuid, .required, .references("meetings", "id"))
      .field("recorded_by", .uuid, .required, .references("accounts", "id"))
      .field("recorded_at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex(
      "meeting_minutes_approvals_once", on: "meeting_minutes_approvals", columns: ["meeting_id"])
    try await dialect.makeAppendOnly("meeting_minutes_approvals")
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.undoAppendOnly("meeting_minutes_approvals")
    try await dialect.dropIndex("meeting_minutes_approvals_once")
    try await db.schema("meeting_minutes_approvals").delete()
  }
}
