import FluentKit

/// 012: the week of care's first facts — people's homes, their support patterns (every version kept,
/// with who proposed and who answered), workers' zones of consent (append-only: each change a new
/// version) and what each worker is trained for.
struct M012_WeekOfCare: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("homes")
      .field("person_id", .uuid, .identifier(auto: false), .references("people", "id"))
      .field("address", .string, .required)
      .field("postcode", .string, .required)
      .field("latitude", .double, .required)
      .field("longitude", .double, .required)
      .field("has_pets", .bool, .required)
      .field("someone_smokes", .bool, .required)
      .field("changed_at", .datetime, .required)
      .field("changed_by", .uuid, .required, .references("accounts", "id"))
      .create()
    try await db.schema("support_patterns")
      .field("id", .uuid, .identifier(auto: false))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("version", .int, .required)
      .field("pattern", .string, .required)
      .field("effective_from", .string, .required)
      .field("proposed_by", .uuid, .required, .references("accounts", "id"))
      .field("proposed_at", .datetime, .required)
      .field("answered_by", .uuid, .references("accounts", "id"))
      .field("answered_at", .datetime)
      .field("status", .string, .required)
      .unique(on: "person_id", "version", name: "support_patterns_one_version_number")
      .create()
    try await db.schema("consent_zones")
      .field("id", .uuid, .identifier(auto: false))
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("version", .int, .required)
      .field("zone", .string, .required)
      .field("changed_at", .datetime, .required)
      .unique(on: "account_id", "version", name: "consent_zones_one_version_number")
      .create()
    try await Dialect(db).createAppendOnlyGuard(table: "consent_zones")
    try await db.schema("worker_training")
      .field("account_id", .uuid, .identifier(auto: false), .references("accounts", "id"))
      .field("tasks", .string, .required)
      .field("changed_at", .datetime, .required)
      .field("changed_by", .uuid, .required, .references("accounts", "id"))
      .create()
  }

  func revert(on db: any Database) async throws {
    try await db.schema("worker_training").delete()
    try await Dialect(db).dropAppendOnlyGuard(table: "consent_zones")
    try await db.schema("consent_zones").delete()
    try await db.schema("support_patterns").delete()
    try await db.schema("homes").delete()
  }
}
