import FluentKit

/// 002: circles with their workers, people supported and their teams.
struct M002_CreateCirclesAndTeams: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("circles")
      .id()
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("name", .string, .required)
      .field("area", .string, .required)
      .field("max_workers", .int, .required)
      .field("max_teams", .int, .required)
      .create()
    try await db.schema("circle_memberships")
      .id()
      .field("circle_id", .uuid, .required, .references("circles", "id"))
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("joined_at", .datetime, .required)
      .field("left_at", .datetime)
      .create()
    try await db.schema("people")
      .id()
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("circle_id", .uuid, .required, .references("circles", "id"))
      .field("communication_needs", .string)
      .unique(on: "account_id")
      .create()
    try await db.schema("team_memberships")
      .id()
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("relationship", .string, .required)
      .field("is_arranger", .bool, .required)
      .field("status", .string, .required)
      .field("invited_at", .datetime, .required)
      .field("responded_at", .datetime)
      .create()
  }

  func revert(on db: any Database) async throws {
    for table in ["team_memberships", "people", "circle_memberships", "circles"] {
      try await db.schema(table).delete()
    }
  }
}
