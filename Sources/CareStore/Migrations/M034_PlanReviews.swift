import FluentKit

/// 034: reviews of people's support plans (the next one's date; one held, with what was agreed), append-only,
/// and the reminders sent for each due date (one per person and date: a unique index).
struct M034_PlanReviews: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("plan_reviews")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("kind", .string, .required)
      .field("day", .string, .required)
      .field("notes", .string, .required)
      .field("next_due", .string)
      .field("by", .uuid, .required, .references("accounts", "id"))
      .field("on_behalf_of", .uuid, .references("people", "id"))
      .field("at", .datetime, .required)
      .create()
    try await db.schema("plan_review_reminders")
      .field("id", .uuid, .identifier(auto: false))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("due", .string, .required)
      .field("sent_at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex("plan_reviews_by_person", on: "plan_reviews", columns: ["person_id", "at"])
    try await dialect.createUniqueIndex(
      "plan_review_reminders_once", on: "plan_review_reminders", columns: ["person_id", "due"])
    try await dialect.createAppendOnlyGuard(table: "plan_reviews")
    try await dialect.createAppendOnlyGuardExtras(table: "plan_reviews")
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropAppendOnlyGuardExtras(table: "plan_reviews")
    try await dialect.dropAppendOnlyGuard(table: "plan_reviews")
    for index in ["plan_review_reminders_once", "plan_reviews_by_person"] { try await dialect.dropIndex(index) }
    try await db.schema("plan_review_reminders").delete()
    try await db.schema("plan_reviews").delete()
  }
}
