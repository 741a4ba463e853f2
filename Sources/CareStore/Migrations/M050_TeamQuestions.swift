import FluentKit

/// 050: questions put to one person's team (a proposal answered by the person and their active team, seen
/// only by those who may see the team): which proposal is whose team's, once per proposal (a unique index).
/// Append-only.
struct M050_TeamQuestions: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("proposal_teams")
      .field("id", .uuid, .identifier(auto: false))
      .field("proposal_id", .uuid, .required, .references("proposals", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex("proposal_teams_once", on: "proposal_teams", columns: ["proposal_id"])
    try await dialect.createIndex("proposal_teams_by_person", on: "proposal_teams", columns: ["person_id"])
    try await dialect.createAppendOnlyGuard(table: "proposal_teams")
    try await dialect.createAppendOnlyGuardExtras(table: "proposal_teams")
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropAppendOnlyGuardExtras(table: "proposal_teams")
    try await dialect.dropAppendOnlyGuard(table: "proposal_teams")
    for index in ["proposal_teams_by_person", "proposal_teams_once"] { try await dialect.dropIndex(index) }
    try await db.schema("proposal_teams").delete()
  }
}
