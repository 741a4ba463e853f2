import FluentKit

/// 032: the person's documents library. A document (title, kind, who sees it, the people named), its
/// versions (append-only: the bytes are in file storage under the version's id; a version's number is taken
/// once), and the person's sharing agreements with professionals in their team (ended by a date, never
/// deleted; one in force per professional, an index says so).
struct M032_Documents: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("documents")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("title", .string, .required)
      .field("kind", .string, .required)
      .field("visibility", .string, .required)
      .field("added_by", .uuid, .required, .references("accounts", "id"))
      .field("on_behalf_of", .uuid, .references("people", "id"))
      .field("added_at", .datetime, .required)
      .create()
    try await db.schema("document_named")
      .field("id", .uuid, .identifier(auto: false))
      .field("document_id", .uuid, .required, .references("documents", "id"))
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .create()
    try await db.schema("document_versions")
      .field("id", .uuid, .identifier(auto: false))
      .field("document_id", .uuid, .required, .references("documents", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("number", .int, .required)
      .field("file_name", .string, .required)
      .field("content_type", .string, .required)
      .field("bytes", .int64, .required)
      .field("sha256", .string, .required)
      .field("note", .string, .required)
      .field("added_by", .uuid, .required, .references("accounts", "id"))
      .field("added_at", .datetime, .required)
      .create()
    try await db.schema("sharing_agreements")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("professional_id", .uuid, .required, .references("accounts", "id"))
      .field("kinds", .string, .required)
      .field("until_day", .string)
      .field("made_by", .uuid, .required, .references("accounts", "id"))
      .field("made_at", .datetime, .required)
      .field("ended_by", .uuid, .references("accounts", "id"))
      .field("ended_at", .datetime)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex("documents_by_person", on: "documents", columns: ["person_id", "added_at"])
    try await dialect.createUniqueIndex(
      "document_named_once", on: "document_named", columns: ["document_id", "account_id"])
    try await dialect.createUniqueIndex(
      "document_versions_once", on: "document_versions", columns: ["document_id", "number"])
    try await dialect.createIndex("document_versions_by_person", on: "document_versions", columns: ["person_id"])
    try await dialect.createPartialUniqueIndex(
      "sharing_agreements_one_in_force", on: "sharing_agreements", columns: ["person_id", "professional_id"],
      where: "ended_at IS NULL")
    try await dialect.createAppendOnlyGuard(table: "document_versions")
    try await dialect.createAppendOnlyGuardExtras(table: "document_versions")
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropAppendOnlyGuardExtras(table: "document_versions")
    try await dialect.dropAppendOnlyGuard(table: "document_versions")
    for index in [
      "sharing_agreements_one_in_force", "document_versions_by_person", "document_versions_once",
      "document_named_once", "documents_by_person",
    ] {
      try await dialect.dropIndex(index)
    }
    for table in ["sharing_agreements", "document_versions", "document_named", "documents"] {
      try await db.schema(table).delete()
    }
  }
}
