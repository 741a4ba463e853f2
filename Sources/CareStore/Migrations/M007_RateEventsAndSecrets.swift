import FluentKit

/// 007: what the sign-in and mail limits count (failed sign-ins, reset mails sent), kept in the database so
/// a restart, or a second app instance, does not start the count again; and the server's own secrets
/// (made at first boot, never a default), such as the key that binds a form's CSRF token to its session.
struct M007_RateEventsAndSecrets: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("rate_events")
      .id()
      .field("key", .string, .required)
      .field("at", .datetime, .required)
      .create()
    try await Dialect(db).createIndex("rate_events_by_key_and_time", on: "rate_events", columns: ["key", "at"])
    try await db.schema("server_secrets")
      .field("name", .string, .identifier(auto: false))
      .field("value", .string, .required)
      .create()
  }

  func revert(on db: any Database) async throws {
    try await db.schema("server_secrets").delete()
    try await Dialect(db).dropIndex("rate_events_by_key_and_time")
    try await db.schema("rate_events").delete()
  }
}
