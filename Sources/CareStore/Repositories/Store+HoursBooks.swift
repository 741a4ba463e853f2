import CareCore
import CareLedger
import FluentKit
import Foundation

// An agreement's book as a posting reads it: the snapshot of the fold (migration 028), trusted only when it
// folds every entry so far, else folded again from the ledger; written back in the posting's transaction.
// The ledger itself: Store+Hours.swift.

/// The snapshot of an agreement's book (see M028): the fold of its first `seq` entries, as JSON.
final class HoursBookRow: Model, @unchecked Sendable {
  static let schema = "hours_books"
  @IDProperty<HoursBookRow, UUID>(custom: "agreement_id", generatedBy: .user) var id: UUID?
  @Field(key: "seq") var seq: Int
  @Field(key: "book") var book: String
  init() {}
}

extension Store {
  /// The agreement's book as it stands: its snapshot when that folds every entry so far, else the fold of
  /// every entry; with the snapshot row, if there is one.
  static func book(_ agreement: FundingAgreement, on db: any Database) async throws -> (HoursBook, HoursBookRow?) {
    let row = try await HoursBookRow.find(agreement.id.rawValue, on: db)
    let last = try await HoursEntryRow.query(on: db).filter(\.$agreementID == agreement.id.rawValue).max(\.$seq) ?? 0
    if let row, row.seq == last, let book = try? JSONDecoder().decode(HoursBook.self, from: Data(row.book.utf8)),
      book.count == last
    {
      return (book, row)
    }
    return (try await foldedBook(agreement, on: db), row)
  }

  /// The fold of every entry of the agreement, read from the ledger itself.
  static func foldedBook(_ agreement: FundingAgreement, on db: any Database) async throws -> HoursBook {
    let rows = try await HoursEntryRow.query(on: db).filter(\.$agreementID == agreement.id.rawValue)
      .sort(\.$seq).all()
    return HoursBook(try await Self.records(rows, on: db).map(\.entry))
  }

  /// Writes the book back as the agreement's snapshot (in the caller's transaction), when it moved.
  static func keepSnapshot(_ book: HoursBook, of agreement: FundingAgreement, row: HoursBookRow?, on db: any Database)
    async throws
  {
    if let row, row.seq == book.count { return }
    let text = String(decoding: try JSONEncoder().encode(book), as: UTF8.self)
    if let row {
      (row.seq, row.book) = (book.count, text)
      try await row.update(on: db)
    } else {
      let row = HoursBookRow()
      (row.id, row.seq, row.book) = (agreement.id.rawValue, book.count, text)
      try await row.create(on: db)
    }
  }
}
