import FluentKit

/// 018: workers' engagements (employed or self-employed, pay an hour in pence, from a day), apart from
/// membership. A change is a new row from a day; the one before gets its last day. One open engagement a
/// worker (a partial unique index), so two changes at once leave one.
struct M018_Engagements: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("engagements")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("basis", .string, .required)
      .field("hourly_pence", .int, .required)
      .field("started_on", .string, .required)
      .field("ended_on", .string)
      .field("created_by", .uuid, .required, .references("accounts", "id"))
      .field("created_at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createPartialUniqueIndex(
      "engagements_one_open", on: "engagements", columns: ["account_id"], where: "ended_on IS NULL")
    try await dialect.createIndex("engagements_by_account", on: "engagements", columns: ["account_id", "started_on"])
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropIndex("engagements_by_account")
    try await dialect.dropIndex("engagements_one_open")
    try await db.schema("engagements").delete()
  }
}
