import FluentKit

/// 024: a media item may be from a key meeting (its title and day) rather than a visit; and an item a worker
/// sent without a consent to cover it waits for the person's answer (asked when, answered when and by whom).
/// Added as nullable columns: the items kept before are of a visit or of nothing, and were consented to.
struct M024_MediaMeetingsAndAsking: AsyncMigration {
  static let columns: [(FieldKey, DatabaseSchema.DataType)] = [
    ("meeting_title", .string), ("meeting_day", .string), ("asked_at", .datetime), ("answered_at", .datetime),
    ("answered_by", .uuid),
  ]

  func prepare(on db: any Database) async throws {
    for (name, type) in Self.columns { try await db.schema("media_items").field(name, type).update() }
    // The expiry job and the person's page look for items still waiting.
    try await Dialect(db).createIndex("media_items_by_asking", on: "media_items", columns: ["person_id", "asked_at"])
  }

  func revert(on db: any Database) async throws {
    try await Dialect(db).dropIndex("media_items_by_asking")
    for (name, _) in Self.columns.reversed() { try await db.schema("media_items").deleteField(name).update() }
  }
}
