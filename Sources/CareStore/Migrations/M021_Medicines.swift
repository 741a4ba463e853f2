import FluentKit

/// 021: a person's medicines, each a line of versions (a change or a stop is a new version; one version
/// number once per medicine, so two changes at the same moment cannot both take it), and the doses written
/// on visit records (new columns, empty for the entries of other kinds).
struct M021_Medicines: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("medicine_versions")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("medicine_id", .uuid, .required)
      .field("version", .int, .required)
      .field("name", .string, .required)
      .field("dose", .string, .required)
      .field("route", .string, .required)
      .field("times", .string, .required)
      .field("as_needed", .bool, .required)
      .field("purpose", .string, .required)
      .field("given_by", .string, .required)
      .field("instructions", .string, .required)
      .field("stops", .bool, .required)
      .field("reason", .string, .required)
      .field("proposed_by", .uuid, .required, .references("accounts", "id"))
      .field("proposed_at", .datetime, .required)
      .field("answered_by", .uuid, .references("accounts", "id"))
      .field("answered_at", .datetime)
      .field("status", .string, .required)
      .unique(on: "medicine_id", "version", name: "medicine_versions_one_number")
      .create()
    try await Dialect(db).createIndex("medicine_versions_by_person", on: "medicine_versions", columns: ["person_id"])
    // One column a statement: SQLite adds one at a time.
    try await db.schema("record_entries").field("medicine_id", .uuid).update()
    try await db.schema("record_entries")
      .field("medicine_version_id", .uuid, .references("medicine_versions", "id")).update()
    try await db.schema("record_entries").field("dose_at", .int).update()
    try await db.schema("record_entries").field("medicine_outcome", .string).update()
  }

  func revert(on db: any Database) async throws {
    try await db.schema("record_entries").deleteField("medicine_outcome").update()
    try await db.schema("record_entries").deleteField("dose_at").update()
    try await db.schema("record_entries").deleteField("medicine_version_id").update()
    try await db.schema("record_entries").deleteField("medicine_id").update()
    try await Dialect(db).dropIndex("medicine_versions_by_person")
    try await db.schema("medicine_versions").delete()
  }
}
