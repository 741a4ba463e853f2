import FluentKit

/// 019: the entries of visit records. Append-only: a correction is a new row naming the one it corrects.
/// The id is made by the worker's phone, so a batch sent twice (the answer lost in poor signal) stores each
/// entry once: the primary key is the guard, on both engines.
struct M019_VisitRecords: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("record_entries")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("visit_key", .string, .required)
      .field("visit_id", .uuid, .required)
      .field("visit_day", .string, .required)
      .field("author_id", .uuid, .required, .references("accounts", "id"))
      .field("kind", .string, .required)
      .field("task", .string)
      .field("outcome", .string)
      .field("wellbeing", .int)
      .field("body", .string, .required)
      .field("water_in_reach", .bool)
      .field("pendant_in_reach", .bool)
      .field("personal_care", .bool, .required)
      .field("device_at", .datetime, .required)
      .field("received_at", .datetime, .required)
      .field("corrects_id", .uuid, .references("record_entries", "id"))
      .field("correction_reason", .string)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex("record_entries_by_visit", on: "record_entries", columns: ["person_id", "visit_key"])
    try await dialect.createIndex("record_entries_by_day", on: "record_entries", columns: ["person_id", "visit_day"])
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropIndex("record_entries_by_day")
    try await dialect.dropIndex("record_entries_by_visit")
    try await db.schema("record_entries").delete()
  }
}
