import FluentKit

/// 023: the person's consents to photos, voice notes and videos (standing ones, withdrawn by a date, never
/// deleted), and the media items kept under them (the bytes are in file storage under the item's id; a
/// removed item keeps its row, with when and why).
struct M023_Media: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("media_consents")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("kind", .string, .required)
      .field("about", .string, .required)
      .field("audience", .string, .required)
      .field("keep_days", .int, .required)
      .field("given_by", .uuid, .required, .references("accounts", "id"))
      .field("given_at", .datetime, .required)
      .field("withdrawn_by", .uuid, .references("accounts", "id"))
      .field("withdrawn_at", .datetime)
      .create()
    try await db.schema("media_items")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("visit_id", .uuid, .references("rota_visits", "id"))
      .field("kind", .string, .required)
      .field("content_type", .string, .required)
      .field("bytes", .int64, .required)
      .field("sha256", .string, .required)
      .field("caption", .string, .required)
      .field("consent_id", .uuid, .references("media_consents", "id"))
      .field("audience", .string, .required)
      .field("keep_until", .datetime, .required)
      .field("uploaded_by", .uuid, .required, .references("accounts", "id"))
      .field("uploaded_at", .datetime, .required)
      .field("removed_at", .datetime)
      .field("removed_because", .string)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex("media_consents_by_person", on: "media_consents", columns: ["person_id"])
    try await dialect.createIndex("media_items_by_person", on: "media_items", columns: ["person_id", "uploaded_at"])
    try await dialect.createIndex("media_items_by_expiry", on: "media_items", columns: ["keep_until"])
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropIndex("media_items_by_expiry")
    try await dialect.dropIndex("media_items_by_person")
    try await dialect.dropIndex("media_consents_by_person")
    try await db.schema("media_items").delete()
    try await db.schema("media_consents").delete()
  }
}
