import CareCore
import FluentKit
import Foundation
import SQLKit

/// What the co-op's contribution by month is counted from: each invoice's first day and total, summed in the
/// database (one grouped query), not read line by line.
extension Store {
  /// The first day and total (pence, negative on a credit note) of each of the co-op's invoices and credit
  /// notes whose first day falls between the days: what the contribution by month is counted from.
  public func invoiceTotals(permit: Permit, from: Day, through: Day) async throws -> [(from: Day, pence: Int)] {
    try Self.check(permit, .invoice)
    struct Row: Decodable {
      let period_from: String
      let pence: Int
    }
    let rows = try await (db as! any SQLDatabase).raw(
      """
      SELECT i.period_from, CAST(SUM(l.pence) AS BIGINT) AS pence FROM invoices i
        JOIN invoice_lines l ON l.invoice_id = i.id
      WHERE i.coop_id = \(bind: permit.coopID.rawValue)
        AND i.period_from >= \(bind: from.iso) AND i.period_from <= \(bind: through.iso)
      GROUP BY i.id, i.period_from
      """
    ).all(decoding: Row.self)
    return try rows.map {
      (try StoreError.known(Day(iso: $0.period_from), "invoices.period_from", $0.period_from), $0.pence)
    }
  }
}
