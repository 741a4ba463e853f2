import FluentKit
import SQLKit

/// 008: an e-mail address is unique within a co-op, not across the deployment. One account belongs to one
/// co-op; the same person may hold accounts in several co-ops with the same address (each its own
/// password), and no co-op can learn from an invitation that an address is used in another.
///
/// SQLite cannot drop the deployment-wide UNIQUE(email) that 001 declared inside its CREATE TABLE without
/// rebuilding a table half the schema points at, so the address moves to a new column, `email_address`,
/// with a unique index on (coop_id, email_address); the old `email` column is left holding NULLs (which
/// its constraint allows any number of) and is read by nothing.
struct M008_EmailPerCoop: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("accounts").field("email_address", .string).update()
    let sql = db as! any SQLDatabase
    try await sql.raw("UPDATE accounts SET email_address = email, email = NULL").run()
    try await Dialect(db).createUniqueIndex(
      "accounts_email_per_coop", on: "accounts", columns: ["coop_id", "email_address"])
  }

  /// Fails (and changes nothing) if an address is by then used in two co-ops: 001's constraint is back.
  func revert(on db: any Database) async throws {
    try await Dialect(db).dropIndex("accounts_email_per_coop")
    try await (db as! any SQLDatabase).raw("UPDATE accounts SET email = email_address").run()
    try await db.schema("accounts").deleteField("email_address").update()
  }
}
