import FluentKit

/// 003: hats and every term anyone has held them.
struct M003_CreateHats: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("hats")
      .id()
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("circle_id", .uuid, .references("circles", "id"))
      .field("kind", .string, .required)
      .field("name", .string, .required)
      .field("purpose", .string, .required)
      .field("accountabilities", .string, .required)
      .create()
    try await db.schema("hat_holdings")
      .id()
      .field("hat_id", .uuid, .required, .references("hats", "id"))
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("term_start", .string, .required)
      .field("term_end", .string)
      .field("ended_on", .string)
      .field("handed_over_to", .uuid, .references("accounts", "id"))
      .create()
  }

  func revert(on db: any Database) async throws {
    try await db.schema("hat_holdings").delete()
    try await db.schema("hats").delete()
  }
}
