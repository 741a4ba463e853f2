import FluentKit

/// 031: support plans. Each proposed change to a section of a person's plan, and each answer to one (agreed,
/// agreed with the person's own words, or declined), with who and when. Both append-only in the database
/// itself: the plan as it stands, every version and the history are read from them. The invariants are
/// indexes: a change is answered once; a section's version number is taken once (two agreements at the same
/// moment cannot both make version 4).
struct M031_SupportPlans: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("plan_changes")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("section", .string, .required)
      .field("based_on", .int, .required)
      .field("text", .string, .required)
      .field("note", .string, .required)
      .field("proposed_by", .uuid, .required, .references("accounts", "id"))
      .field("on_behalf_of", .uuid, .references("people", "id"))
      .field("proposed_at", .datetime, .required)
      .create()
    try await db.schema("plan_answers")
      .field("id", .uuid, .identifier(auto: false))
      .field("change_id", .uuid, .required, .references("plan_changes", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("section", .string, .required)
      .field("status", .string, .required)
      .field("agreed_text", .string)
      .field("version", .int)
      .field("answered_by", .uuid, .required, .references("accounts", "id"))
      .field("on_behalf_of", .uuid, .references("people", "id"))
      .field("answered_at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex("plan_changes_by_person", on: "plan_changes", columns: ["person_id", "proposed_at"])
    try await dialect.createUniqueIndex("plan_answers_once", on: "plan_answers", columns: ["change_id"])
    try await dialect.createPartialUniqueIndex(
      "plan_versions_once", on: "plan_answers", columns: ["person_id", "section", "version"],
      where: "version IS NOT NULL")
    for table in ["plan_changes", "plan_answers"] {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in ["plan_answers", "plan_changes"] {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in ["plan_versions_once", "plan_answers_once", "plan_changes_by_person"] {
      try await dialect.dropIndex(index)
    }
    try await db.schema("plan_answers").delete()
    try await db.schema("plan_changes").delete()
  }
}
