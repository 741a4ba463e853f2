import FluentKit

/// 013: a circle's weeks as the rota engine planned them — every version kept (planning, draft, published,
/// cancelled), each with its visits — and the messages the app keeps for each account (a published week's
/// changes, cover offers), so nobody depends on mail.
struct M013_RotaWeeks: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("rota_weeks")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("circle_id", .uuid, .required, .references("circles", "id"))
      .field("monday", .string, .required)
      .field("number", .int, .required)
      .field("state", .string, .required)
      .field("progress", .double, .required)
      .field("seconds", .double, .required)
      .field("figures", .string)
      .field("edits", .int, .required)
      .field("created_by", .uuid, .required, .references("accounts", "id"))
      .field("created_at", .datetime, .required)
      .field("published_by", .uuid, .references("accounts", "id"))
      .field("published_at", .datetime)
      .field("problem", .string)
      .unique(on: "circle_id", "monday", "number", name: "rota_weeks_one_number")
      .create()
    let dialect = Dialect(db)
    // One plan in the making per circle: a second "plan" while the engine works on one is refused, not
    // queued behind it (the engine's seconds are the co-op's scarcest resource).
    try await dialect.createPartialUniqueIndex(
      "rota_weeks_one_planning", on: "rota_weeks", columns: ["circle_id"], where: "state = 'planning'")
    try await db.schema("rota_visits")
      .field("id", .uuid, .identifier(auto: false))
      .field("week_id", .uuid, .required, .references("rota_weeks", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("pattern", .int, .required)
      .field("slot", .int, .required)
      .field("day", .string, .required)
      .field("start_minute", .int, .required)
      .field("length", .int, .required)
      .field("usual_start", .int, .required)
      .field("time_window", .int, .required)
      .field("tasks", .string, .required)
      .field("worker_id", .uuid, .required, .references("accounts", "id"))
      .field("partner_id", .uuid, .references("accounts", "id"))
      .unique(on: "week_id", "person_id", "pattern", "day", "slot", name: "rota_visits_one_place")
      .create()
    try await dialect.createIndex("rota_visits_by_worker", on: "rota_visits", columns: ["worker_id", "day"])
    try await dialect.createIndex("rota_visits_by_person", on: "rota_visits", columns: ["person_id", "day"])
    try await db.schema("messages")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("at", .datetime, .required)
      .field("subject", .string, .required)
      .field("body", .string, .required)
      .field("link", .string)
      .field("read_at", .datetime)
      .create()
    try await dialect.createIndex("messages_by_account", on: "messages", columns: ["account_id", "at"])
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropIndex("messages_by_account")
    try await db.schema("messages").delete()
    try await dialect.dropIndex("rota_visits_by_person")
    try await dialect.dropIndex("rota_visits_by_worker")
    try await db.schema("rota_visits").delete()
    try await dialect.dropIndex("rota_weeks_one_planning")
    try await db.schema("rota_weeks").delete()
  }
}
