import CareCore
import Foundation
import PropertyBased
import Testing

/// The co-op's contribution month by month: each invoice counts in the month of its first day at the percent in
/// force that day, rounded as its own page rounds it; a credit note takes its invoice's share back; the months run
/// over the turn of the year; a month with nothing invoiced is all zeros.
@Suite("Contribution by month")
struct ContributionMonthsTests {
  static func day(_ iso: String) -> Day { Day(iso: iso)! }

  @Test func eachMonthAddsUpWhatItsInvoicesSay() {
    // The members moved from 15% to 20% from 15 January 2027.
    let percent: (Day) -> Int = { $0 < Self.day("2027-01-15") ? 15 : 20 }
    let totals: [(from: Day, pence: Int)] = [
      (Self.day("2026-12-01"), 12_345),  // 15%: 1 851.75 → 1 852
      (Self.day("2026-12-08"), 10),  // 15%: 1.5 → 2
      (Self.day("2027-01-01"), 10_000),  // 15%: 1 500
      (Self.day("2027-01-20"), 10_000),  // 20%: 2 000
      (Self.day("2027-01-20"), -10_000),  // its credit note: −2 000
      (Self.day("2027-03-02"), 999),  // outside the months asked for
    ]
    let months = Contribution.months(totals, first: Self.day("2026-12-05"), count: 3, percentOn: percent)
    #expect(months.map(\.month) == [Self.day("2026-12-01"), Self.day("2027-01-01"), Self.day("2027-02-01")])
    #expect(months.map(\.invoicedPence) == [12_355, 10_000, 0])
    #expect(months.map(\.contributionPence) == [1_854, 1_500, 0])
    #expect(months.map(\.carePence) == [10_501, 8_500, 0])
    #expect(months.map(\.percents) == [[15], [15, 20], []])
    // Per invoice, then added: the sum of what each invoice's page says, not a share of the month's total.
    #expect(months[0].contributionPence != Contribution.pence(of: 12_355, percent: 15))
  }

  /// Property: whatever the invoices, each month's contribution plus its care is what was invoiced, and an
  /// invoice with its credit note leaves the month as if neither were there.
  @Test func aCreditNoteUndoesItsInvoice() async {
    let first = Self.day("2026-01-01")
    await propertyCheck(
      count: 200, input: Gen.int(in: 0...364).array(of: 0...20), Gen.int(in: 0...200_000).array(of: 20...20),
      Gen.int(in: 0...20)
    ) { days, amounts, creditedCount in
      let totals = zip(days, amounts).map { (from: first.adding(days: $0), pence: $1) }
      let percent: (Day) -> Int = { $0.month < 7 ? 15 : 12 }
      let credited = Array(totals.prefix(creditedCount))
      let plain = Contribution.months(
        Array(totals.dropFirst(creditedCount)), first: first, count: 12, percentOn: percent)
      let withCredits = Contribution.months(
        totals + credited.map { (from: $0.from, pence: -$0.pence) }, first: first, count: 12, percentOn: percent)
      #expect(plain.map(\.invoicedPence) == withCredits.map(\.invoicedPence))
      #expect(plain.map(\.contributionPence) == withCredits.map(\.contributionPence))
      #expect(withCredits.allSatisfy { $0.contributionPence + $0.carePence == $0.invoicedPence })
      #expect(
        withCredits.reduce(0) { $0 + $1.invoicedPence } == totals.dropFirst(creditedCount).reduce(0) { $0 + $1.pence })
    }
  }
}
