import FluentKit
import SQLKit

/// 005: each account remembers whether its own pages are shown in Easy Read.
/// Expand-only: a new column with a default, so rows written before it read as "no".
struct M005_AddEasyReadPreference: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("accounts")
      .field("prefers_easy_read", .bool, .required, .sql(.default(false)))
      .update()
  }

  func revert(on db: any Database) async throws {
    try await db.schema("accounts").deleteField("prefers_easy_read").update()
  }
}
