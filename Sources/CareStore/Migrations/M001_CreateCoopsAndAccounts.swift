import FluentKit

/// 001: co-ops (tenants), the accounts of everyone they know, and co-op memberships.
struct M001_CreateCoopsAndAccounts: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("coops")
      .id()
      .field("name", .string, .required)
      .field("registered_number", .string, .required)
      .field("address", .string, .required)
      .field("created_at", .datetime, .required)
      .create()
    try await db.schema("accounts")
      .id()
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("name", .string, .required)
      .field("email", .string)
      .field("password_hash", .string)
      .field("is_administrator", .bool, .required)
      .field("created_at", .datetime, .required)
      .unique(on: "email")
      .create()
    try await db.schema("members")
      .id()
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("member_class", .string, .required)
      .field("joined_on", .string, .required)
      .field("share_pence", .int64, .required)
      .field("left_on", .string)
      .unique(on: "account_id")
      .create()
  }

  func revert(on db: any Database) async throws {
    try await db.schema("members").delete()
    try await db.schema("accounts").delete()
    try await db.schema("coops").delete()
  }
}
