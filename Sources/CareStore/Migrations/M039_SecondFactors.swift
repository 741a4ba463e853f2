import FluentKit

/// 039: second factors (an authenticator app's secret, for an account; a new one replaces the last), their
/// recovery codes (SHA-256 only) and every use of either. A code is used once: one use per factor and time
/// step, one per factor and recovery code (unique indexes, so two requests at once cannot both use it).
/// All append-only.
struct M039_SecondFactors: AsyncMigration {
  static let tables = ["second_factors", "recovery_codes", "second_factor_uses"]

  func prepare(on db: any Database) async throws {
    try await db.schema("second_factors")
      .field("id", .uuid, .identifier(auto: false))
      .field("account_id", .uuid, .required, .references("accounts", "id"))
      .field("secret", .string, .required)
      .field("created_at", .datetime, .required)
      .create()
    try await db.schema("recovery_codes")
      .field("id", .uuid, .identifier(auto: false))
      .field("factor_id", .uuid, .required, .references("second_factors", "id"))
      .field("code_hash", .string, .required)
      .create()
    try await db.schema("second_factor_uses")
      .field("id", .uuid, .identifier(auto: false))
      .field("factor_id", .uuid, .required, .references("second_factors", "id"))
      .field("step", .int64)
      .field("recovery_hash", .string)
      .field("at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex(
      "second_factors_by_account", on: "second_factors", columns: ["account_id", "created_at"])
    try await dialect.createUniqueIndex(
      "recovery_codes_once", on: "recovery_codes", columns: ["factor_id", "code_hash"])
    try await dialect.createUniqueIndex(
      "second_factor_uses_one_per_step", on: "second_factor_uses", columns: ["factor_id", "step"])
    try await dialect.createUniqueIndex(
      "second_factor_uses_one_per_recovery_code", on: "second_factor_uses", columns: ["factor_id", "recovery_hash"])
    for table in Self.tables {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in Self.tables.reversed() {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in [
      "second_factor_uses_one_per_recovery_code", "second_factor_uses_one_per_step", "recovery_codes_once",
      "second_factors_by_account",
    ] {
      try await dialect.dropIndex(index)
    }
    for table in Self.tables.reversed() { try await db.schema(table).delete() }
  }
}
