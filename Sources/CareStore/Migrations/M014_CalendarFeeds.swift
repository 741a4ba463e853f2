import FluentKit

/// 014: private calendar feeds: a worker's own week, or a person's week for someone who may see it, each at
/// an address with a secret token (kept only as its hash; shown once), stopped by revoking it.
struct M014_CalendarFeeds: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("calendar_feeds")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("person_id", .uuid, .references("people", "id"))
      .field("token_hash", .string, .required)
      .field("created_at", .datetime, .required)
      .field("revoked_at", .datetime)
      .unique(on: "token_hash", name: "calendar_feeds_token")
      .create()
    try await Dialect(db).createIndex("calendar_feeds_by_account", on: "calendar_feeds", columns: ["account_id"])
  }

  func revert(on db: any Database) async throws {
    try await Dialect(db).dropIndex("calendar_feeds_by_account")
    try await db.schema("calendar_feeds").delete()
  }
}
