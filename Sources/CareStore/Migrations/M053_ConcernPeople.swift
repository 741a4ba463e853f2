import FluentKit

/// 053: a concern about one person's support — which concern is about whom, once per concern (a unique
/// index). Append-only: what a concern was about is never rewritten.
struct M053_ConcernPeople: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("concern_people")
      .field("id", .uuid, .identifier(auto: false))
      .field("concern_id", .uuid, .required, .references("concerns", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex("concern_people_once", on: "concern_people", columns: ["concern_id"])
    try await dialect.createIndex("concern_people_by_person", on: "concern_people", columns: ["person_id"])
    try await dialect.makeAppendOnly("concern_people")
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.undoAppendOnly("concern_people")
    try await dialect.dropIndex("concern_people_by_person")
    try await dialect.dropIndex("concern_people_once")
    try await db.schema("concern_people").delete()
  }
}
