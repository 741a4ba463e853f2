import FluentKit

/// 015: cover — a published visit its worker cannot make, and the offers the rota engine's repair found
/// for it (backup, team, circle), sent a tier at a time. The invariants are indexes: one open request a
/// visit (saying "I can't" twice makes one request), one offer a worker a request, and one accepted offer
/// a request (of two workers accepting at the same moment, one gets the visit, on both engines).
struct M015_Cover: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("cover_requests")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("circle_id", .uuid, .required, .references("circles", "id"))
      .field("monday", .string, .required)
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("pattern", .int, .required)
      .field("slot", .int, .required)
      .field("day", .string, .required)
      .field("start_minute", .int, .required)
      .field("length", .int, .required)
      .field("tasks", .string, .required)
      .field("worker_id", .uuid, .required, .references("accounts", "id"))
      .field("reason", .string, .required)
      .field("state", .string, .required)
      .field("tier", .int)
      .field("covered_by", .uuid, .references("accounts", "id"))
      .field("created_by", .uuid, .required, .references("accounts", "id"))
      .field("created_at", .datetime, .required)
      .field("closed_at", .datetime)
      .create()
    let dialect = Dialect(db)
    try await dialect.createPartialUniqueIndex(
      "cover_requests_one_open", on: "cover_requests", columns: ["person_id", "pattern", "day", "slot"],
      where: "state = 'open'")
    try await dialect.createIndex("cover_requests_by_circle", on: "cover_requests", columns: ["circle_id", "monday"])
    try await dialect.createIndex("cover_requests_by_person", on: "cover_requests", columns: ["person_id", "day"])
    try await db.schema("cover_offers")
      .field("id", .uuid, .identifier(auto: false))
      .field("request_id", .uuid, .required, .references("cover_requests", "id"))
      .field("worker_id", .uuid, .required, .references("accounts", "id"))
      .field("tier", .int, .required)
      .field("start_minute", .int, .required)
      .field("state", .string, .required)
      .field("answered_at", .datetime)
      .unique(on: "request_id", "worker_id", name: "cover_offers_one_a_worker")
      .create()
    try await dialect.createPartialUniqueIndex(
      "cover_offers_one_accepted", on: "cover_offers", columns: ["request_id"], where: "state = 'accepted'")
    try await dialect.createIndex("cover_offers_by_worker", on: "cover_offers", columns: ["worker_id", "state"])
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropIndex("cover_offers_by_worker")
    try await dialect.dropIndex("cover_offers_one_accepted")
    try await db.schema("cover_offers").delete()
    try await dialect.dropIndex("cover_requests_by_person")
    try await dialect.dropIndex("cover_requests_by_circle")
    try await dialect.dropIndex("cover_requests_one_open")
    try await db.schema("cover_requests").delete()
  }
}
