import FluentKit

/// 028: a snapshot of each agreement's book (the fold of its entries, and how many entries it folds), so a
/// posting need not read the whole ledger. A cache, not a record: written in the same transaction as the
/// entries it folds; a snapshot whose count is not the agreement's last entry number is ignored and the book
/// folded again from the entries.
struct M028_HoursBooks: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("hours_books")
      .field("agreement_id", .uuid, .identifier(auto: false), .references("funding_agreements", "id"))
      .field("seq", .int, .required)
      .field("book", .string, .required)
      .create()
  }

  func revert(on db: any Database) async throws {
    try await db.schema("hours_books").delete()
  }
}
