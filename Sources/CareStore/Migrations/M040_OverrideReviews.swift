import FluentKit

/// 040: a second hat holder's review of each safeguarding override (one per override: a unique index, so two
/// reviewers at once keep one). Append-only.
struct M040_OverrideReviews: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("override_reviews")
      .field("id", .uuid, .identifier(auto: false))
      .field("grant_id", .uuid, .required, .references("access_grants", "id"))
      .field("reviewer_id", .uuid, .required, .references("accounts", "id"))
      .field("outcome", .string, .required)
      .field("note", .string, .required)
      .field("at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex("override_reviews_once", on: "override_reviews", columns: ["grant_id"])
    try await dialect.createAppendOnlyGuard(table: "override_reviews")
    try await dialect.createAppendOnlyGuardExtras(table: "override_reviews")
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropAppendOnlyGuardExtras(table: "override_reviews")
    try await dialect.dropAppendOnlyGuard(table: "override_reviews")
    try await dialect.dropIndex("override_reviews_once")
    try await db.schema("override_reviews").delete()
  }
}
