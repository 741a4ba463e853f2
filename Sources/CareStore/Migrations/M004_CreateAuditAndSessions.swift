import FluentKit

/// 004: the append-only audit log (guarded by triggers, see `Dialect`), sessions, password resets.
struct M004_CreateAuditAndSessions: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("audit_events")
      .id()
      .field("coop_id", .uuid, .references("coops", "id"))
      .field("at", .datetime, .required)
      .field("actor_id", .uuid, .references("accounts", "id"))
      .field("on_behalf_of", .uuid, .references("people", "id"))
      .field("person_id", .uuid, .references("people", "id"))
      .field("action", .string, .required)
      .field("detail", .string, .required)
      .create()
    try await Dialect(db).createAppendOnlyGuard(table: "audit_events")
    try await db.schema("sessions")
      .id()
      .field("token_hash", .string, .required)
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("kind", .string, .required)
      .field("created_at", .datetime, .required)
      .field("last_seen_at", .datetime, .required)
      .unique(on: "token_hash")
      .create()
    try await db.schema("password_resets")
      .id()
      .field("token_hash", .string, .required)
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("expires_at", .datetime, .required)
      .field("used_at", .datetime)
      .unique(on: "token_hash")
      .create()
  }

  func revert(on db: any Database) async throws {
    try await db.schema("password_resets").delete()
    try await db.schema("sessions").delete()
    try await Dialect(db).dropAppendOnlyGuard(table: "audit_events")
    try await db.schema("audit_events").delete()
  }
}
