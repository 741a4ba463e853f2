import FluentKit

/// 020: answers about a visit's times: the worker confirms them (adjusted if the phone was wrong), the
/// person or their arranger confirms or disputes them. Append-only; the newest answer of each side counts.
struct M020_VisitTimes: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("visit_times_answers")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("visit_key", .string, .required)
      .field("visit_id", .uuid, .required)
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("side", .string, .required)
      .field("answer", .string, .required)
      .field("start_minute", .int)
      .field("end_minute", .int)
      .field("reason", .string, .required)
      .field("at", .datetime, .required)
      .create()
    try await Dialect(db).createIndex(
      "visit_times_answers_by_visit", on: "visit_times_answers", columns: ["person_id", "visit_key"])
  }

  func revert(on db: any Database) async throws {
    try await Dialect(db).dropIndex("visit_times_answers_by_visit")
    try await db.schema("visit_times_answers").delete()
  }
}
