import FluentKit

/// 042: what each safeguarding override reaches (who is in the team, the person's visits): one row per
/// override and reach (a unique index). An override without rows was kept before reaches were chosen and
/// reaches both. Append-only.
struct M042_OverrideReach: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("access_grant_reach")
      .field("id", .uuid, .identifier(auto: false))
      .field("grant_id", .uuid, .required, .references("access_grants", "id"))
      .field("reach", .string, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex(
      "access_grant_reach_once", on: "access_grant_reach", columns: ["grant_id", "reach"])
    try await dialect.createAppendOnlyGuard(table: "access_grant_reach")
    try await dialect.createAppendOnlyGuardExtras(table: "access_grant_reach")
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropAppendOnlyGuardExtras(table: "access_grant_reach")
    try await dialect.dropAppendOnlyGuard(table: "access_grant_reach")
    try await dialect.dropIndex("access_grant_reach_once")
    try await db.schema("access_grant_reach").delete()
  }
}
