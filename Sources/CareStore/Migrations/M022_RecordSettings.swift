import FluentKit

/// 022: what the person decides about their records, as versions (the newest counts): days after which a
/// visit's times confirm themselves, and whether family see notes about personal care.
struct M022_RecordSettings: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("record_settings")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("auto_confirm_days", .int)
      .field("family_sees_personal_care", .bool, .required)
      .field("changed_by", .uuid, .required, .references("accounts", "id"))
      .field("changed_at", .datetime, .required)
      .create()
    try await Dialect(db).createIndex("record_settings_by_person", on: "record_settings", columns: ["person_id"])
  }

  func revert(on db: any Database) async throws {
    try await Dialect(db).dropIndex("record_settings_by_person")
    try await db.schema("record_settings").delete()
  }
}
