import FluentKit

/// 035: goals in people's support plans, their small steps (numbered per goal: a unique index, so two added
/// at once cannot take one number) and what happened to each (progress notes, steps ticked and unticked, the
/// goal reached or set aside). All three append-only.
struct M035_Goals: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("plan_goals")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("title", .string, .required)
      .field("created_by", .uuid, .required, .references("accounts", "id"))
      .field("on_behalf_of", .uuid, .references("people", "id"))
      .field("created_at", .datetime, .required)
      .create()
    try await db.schema("goal_steps")
      .field("id", .uuid, .identifier(auto: false))
      .field("goal_id", .uuid, .required, .references("plan_goals", "id"))
      .field("number", .int, .required)
      .field("text", .string, .required)
      .field("added_by", .uuid, .required, .references("accounts", "id"))
      .field("added_at", .datetime, .required)
      .create()
    try await db.schema("goal_entries")
      .field("id", .uuid, .identifier(auto: false))
      .field("goal_id", .uuid, .required, .references("plan_goals", "id"))
      .field("kind", .string, .required)
      .field("step", .int)
      .field("note", .string, .required)
      .field("by", .uuid, .required, .references("accounts", "id"))
      .field("on_behalf_of", .uuid, .references("people", "id"))
      .field("at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex("plan_goals_by_person", on: "plan_goals", columns: ["person_id", "created_at"])
    try await dialect.createUniqueIndex("goal_steps_one_number", on: "goal_steps", columns: ["goal_id", "number"])
    try await dialect.createIndex("goal_entries_by_goal", on: "goal_entries", columns: ["goal_id", "at"])
    for table in ["plan_goals", "goal_steps", "goal_entries"] {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in ["goal_entries", "goal_steps", "plan_goals"] {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in ["goal_entries_by_goal", "goal_steps_one_number", "plan_goals_by_person"] {
      try await dialect.dropIndex(index)
    }
    try await db.schema("goal_entries").delete()
    try await db.schema("goal_steps").delete()
    try await db.schema("plan_goals").delete()
  }
}
