import FluentKit

/// 016: access given for a time — safeguarding overrides on a person's team. At most one not-ended grant a
/// holder a person (a partial unique index): starting a new override ends the holder's earlier one.
struct M016_AccessGrants: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("access_grants")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("holder_id", .uuid, .required, .references("accounts", "id"))
      .field("kind", .string, .required)
      .field("reason", .string, .required)
      .field("starts_at", .datetime, .required)
      .field("ends_at", .datetime, .required)
      .field("ended_at", .datetime)
      .field("ended_by", .uuid, .references("accounts", "id"))
      .create()
    let dialect = Dialect(db)
    try await dialect.createPartialUniqueIndex(
      "access_grants_one_open", on: "access_grants", columns: ["person_id", "holder_id", "kind"],
      where: "ended_at IS NULL")
    try await dialect.createIndex("access_grants_by_holder", on: "access_grants", columns: ["holder_id", "ends_at"])
    try await dialect.createIndex("access_grants_by_person", on: "access_grants", columns: ["person_id", "starts_at"])
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropIndex("access_grants_by_person")
    try await dialect.dropIndex("access_grants_by_holder")
    try await dialect.dropIndex("access_grants_one_open")
    try await db.schema("access_grants").delete()
  }
}
