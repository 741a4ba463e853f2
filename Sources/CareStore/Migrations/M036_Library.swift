import FluentKit

/// 036: the co-op's library and its circles' (policies, minutes, guidance): a document on a shelf (the
/// co-op's when `circle_id` is empty) and its versions, whose bytes are in file storage under the version's
/// id. A version's number is taken once (a unique index); both tables are append-only.
struct M036_Library: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("library_documents")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("circle_id", .uuid, .references("circles", "id"))
      .field("title", .string, .required)
      .field("kind", .string, .required)
      .field("audience", .string, .required)
      .field("added_by", .uuid, .required, .references("accounts", "id"))
      .field("added_at", .datetime, .required)
      .create()
    try await db.schema("library_versions")
      .field("id", .uuid, .identifier(auto: false))
      .field("document_id", .uuid, .required, .references("library_documents", "id"))
      .field("number", .int, .required)
      .field("file_name", .string, .required)
      .field("content_type", .string, .required)
      .field("bytes", .int64, .required)
      .field("sha256", .string, .required)
      .field("note", .string, .required)
      .field("added_by", .uuid, .required, .references("accounts", "id"))
      .field("added_at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex(
      "library_documents_by_coop", on: "library_documents", columns: ["coop_id", "added_at"])
    try await dialect.createUniqueIndex(
      "library_versions_once", on: "library_versions", columns: ["document_id", "number"])
    for table in ["library_documents", "library_versions"] {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in ["library_versions", "library_documents"] {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in ["library_versions_once", "library_documents_by_coop"] { try await dialect.dropIndex(index) }
    try await db.schema("library_versions").delete()
    try await db.schema("library_documents").delete()
  }
}
