import FluentKit

/// 010: a change of e-mail address waits here until the new address confirms it from a mailed link (only
/// the link's hash is kept; it works once, for a day).
struct M010_EmailChanges: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("email_changes")
      .id()
      .field("token_hash", .string, .required)
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("new_email", .string, .required)
      .field("expires_at", .datetime, .required)
      .field("used_at", .datetime)
      .unique(on: "token_hash")
      .create()
  }

  func revert(on db: any Database) async throws {
    try await db.schema("email_changes").delete()
  }
}
