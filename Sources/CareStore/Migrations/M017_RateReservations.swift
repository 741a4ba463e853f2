import FluentKit

/// 017: tries under way (a sign-in's bcrypt check), kept in the database rather than in one app instance's
/// memory, so several instances behind a balancer share one limit. Each lasts a minute at most: a crashed
/// instance's reservations stop counting on their own.
struct M017_RateReservations: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("rate_reservations")
      .id()
      .field("reservation", .uuid, .required)
      .field("key", .string, .required)
      .field("expires_at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex("rate_reservations_by_key", on: "rate_reservations", columns: ["key", "expires_at"])
    try await dialect.createIndex("rate_reservations_by_reservation", on: "rate_reservations", columns: ["reservation"])
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropIndex("rate_reservations_by_reservation")
    try await dialect.dropIndex("rate_reservations_by_key")
    try await db.schema("rate_reservations").delete()
  }
}
