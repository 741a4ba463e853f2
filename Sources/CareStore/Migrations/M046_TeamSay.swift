import FluentKit

/// 046: the team's final say as the person sets it — each version of the setting; a decision opened for each
/// proposed pattern version or plan change (with the say it is made by, once per subject); each answer; and
/// the outcome, once per decision (a unique index, so an answer and the closing sweep at the same moment keep
/// one). All append-only.
struct M046_TeamSay: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("team_says")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("version", .int, .required)
      .field("say", .string, .required)
      .field("set_by", .uuid, .required, .references("accounts", "id"))
      .field("set_at", .datetime, .required)
      .create()
    try await db.schema("team_decisions")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("matter", .string, .required)
      .field("subject_id", .uuid, .required)
      .field("summary", .string, .required)
      .field("say", .string, .required)
      .field("proposed_by", .uuid, .required, .references("accounts", "id"))
      .field("proposed_at", .datetime, .required)
      .field("closes_at", .datetime, .required)
      .create()
    try await db.schema("team_answers")
      .field("id", .uuid, .identifier(auto: false))
      .field("decision_id", .uuid, .required, .references("team_decisions", "id"))
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("choice", .string, .required)
      .field("reason", .string, .required)
      .field("at", .datetime, .required)
      .create()
    try await db.schema("team_outcomes")
      .field("id", .uuid, .identifier(auto: false))
      .field("decision_id", .uuid, .required, .references("team_decisions", "id"))
      .field("agreed", .bool, .required)
      .field("why", .string, .required)
      .field("by", .uuid, .references("accounts", "id"))
      .field("at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex("team_says_one_version", on: "team_says", columns: ["person_id", "version"])
    try await dialect.createIndex(
      "team_decisions_by_person", on: "team_decisions", columns: ["person_id", "proposed_at"])
    try await dialect.createIndex("team_decisions_by_close", on: "team_decisions", columns: ["say", "closes_at"])
    try await dialect.createUniqueIndex(
      "team_decisions_once", on: "team_decisions", columns: ["matter", "subject_id"])
    try await dialect.createIndex("team_answers_by_decision", on: "team_answers", columns: ["decision_id", "at"])
    try await dialect.createUniqueIndex("team_outcomes_once", on: "team_outcomes", columns: ["decision_id"])
    for table in Self.tables {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  static let tables = ["team_says", "team_decisions", "team_answers", "team_outcomes"]

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in Self.tables.reversed() {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in [
      "team_outcomes_once", "team_answers_by_decision", "team_decisions_once", "team_decisions_by_close",
      "team_decisions_by_person", "team_says_one_version",
    ] {
      try await dialect.dropIndex(index)
    }
    for table in Self.tables.reversed() { try await db.schema(table).delete() }
  }
}
