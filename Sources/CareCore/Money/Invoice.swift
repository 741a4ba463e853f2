import Foundation

/// An invoice (or a credit note) as issued: numbered in its series without gaps, never changed after. A
/// credit note undoes one invoice whole; its lines are the invoice's, negative.
public struct Invoice: Sendable, Hashable, Identifiable {
  public enum Series: String, Sendable, Hashable, Codable, CaseIterable {
    case invoice, credit

    /// What a number in the series is written after ("INV-00012", "CN-00003").
    public var prefix: String { self == .invoice ? "INV" : "CN" }
    public var label: String { self == .invoice ? "Invoice" : "Credit note" }
  }

  public let id: ID<Invoice>
  public let coopID: ID<Coop>
  public let series: Series
  public let number: Int
  /// Who is asked to pay (or is credited).
  public let funder: FunderKind
  public let funderName: String
  /// The days whose visits it bills.
  public let from: Day
  public let through: Day
  public let issuedAt: Date
  public let issuedBy: ID<Account>
  /// The run that issued it, with the other invoices of that run.
  public let runID: UUID
  /// A credit note: the invoice it undoes, and why.
  public let credits: ID<Invoice>?
  public let reason: String?
  public let lines: [InvoiceLine]

  public init(
    id: ID<Invoice>, coopID: ID<Coop>, series: Series, number: Int, funder: FunderKind, funderName: String,
    from: Day, through: Day, issuedAt: Date, issuedBy: ID<Account>, runID: UUID, credits: ID<Invoice>?,
    reason: String?, lines: [InvoiceLine]
  ) {
    (self.id, self.coopID, self.series, self.number) = (id, coopID, series, number)
    (self.funder, self.funderName, self.from, self.through) = (funder, funderName, from, through)
    (self.issuedAt, self.issuedBy, self.runID) = (issuedAt, issuedBy, runID)
    (self.credits, self.reason, self.lines) = (credits, reason, lines)
  }

  /// "INV-00012".
  public var reference: String { Self.reference(series, number) }
  public static func reference(_ series: Series, _ number: Int) -> String {
    series.prefix + "-" + String(repeating: "0", count: max(0, 5 - String(number).count)) + String(number)
  }
  /// The total in pence (negative on a credit note): the sum of the lines.
  public var pence: Int { lines.reduce(0) { $0 + $1.pence } }
  public var minutes: Int { lines.reduce(0) { $0 + $1.minutes } }
  /// Care is exempt from VAT: every invoice says so.
  public static let vatNote =
    "No VAT is charged: care and support provided by a registered provider is exempt from VAT "
    + "(Value Added Tax Act 1994, Schedule 9, Group 7)."
}

/// One visit on an invoice: its confirmed minutes at the paying agreement's rate.
public struct InvoiceLine: Sendable, Hashable {
  public let personID: ID<Person>
  public let agreementID: ID<FundingAgreement>
  /// The hours ledger's `use` entry for the visit.
  public let entryID: UUID
  public let visitKey: String
  public let day: Day
  /// Negative on a credit note.
  public let minutes: Int
  public let hourlyPence: Int
  public let pence: Int

  public init(
    personID: ID<Person>, agreementID: ID<FundingAgreement>, entryID: UUID, visitKey: String, day: Day,
    minutes: Int, hourlyPence: Int, pence: Int
  ) {
    (self.personID, self.agreementID, self.entryID, self.visitKey) = (personID, agreementID, entryID, visitKey)
    (self.day, self.minutes, self.hourlyPence, self.pence) = (day, minutes, hourlyPence, pence)
  }
}

/// The days an invoice run covers: both inside the last year, the first not after the last, at most 92 days.
public struct InvoicePeriod: Sendable, Hashable {
  public init(from: Day, through: Day) {
    (self.from, self.through) = (from, through)
  }

  public let from: Day
  public let through: Day

  public static let longestDays = 92

  /// Checks the days against today: every problem at once.
  public static func validated(from: Day?, through: Day?, today: Day) throws -> InvoicePeriod {
    var problems: [FieldError] = []
    if from == nil { problems.append(FieldError("from", "Enter the first day, for example 1 6 2026")) }
    if through == nil { problems.append(FieldError("through", "Enter the last day, for example 30 6 2026")) }
    if let through, through > today {
      problems.append(
        FieldError("through", "The last day cannot be after today: only visits that happened are counted"))
    }
    if let from, let through {
      if from > through {
        problems.append(FieldError("through", "The last day must be the same as or after the first day"))
      } else if from.days(to: through) >= longestDays {
        problems.append(FieldError("through", "A run covers \(longestDays) days at most"))
      }
      if from.days(to: today) > 366 {
        problems.append(FieldError("from", "The first day must be within the last year"))
      }
    }
    guard problems.isEmpty, let from, let through else { throw CareError.invalid(problems) }
    return InvoicePeriod(from: from, through: through)
  }

  /// The calendar month before the one holding `today`: the usual run.
  public static func lastMonth(before today: Day) -> InvoicePeriod {
    let first = Day(
      year: today.month == 1 ? today.year - 1 : today.year, month: today.month == 1 ? 12 : today.month - 1, day: 1)!
    let thisMonth = Day(year: today.year, month: today.month, day: 1)!
    return InvoicePeriod(from: first, through: thisMonth.adding(days: -1))
  }
}

/// A visit in a run's days that no invoice of the run bills, and why: listed on the run, never dropped.
public struct LeftOutVisit: Sendable, Hashable, Codable {
  public enum Why: String, Sendable, Hashable, Codable, CaseIterable {
    /// Its times are not confirmed yet (by both sides, or by the person's auto-confirmation).
    case notConfirmed
    /// The person (or their arranger) said the times are wrong.
    case disputed
    /// Confirmed, but no agreement covers its day or has the hours left.
    case noAgreement

    public var words: String {
      switch self {
      case .notConfirmed: "times not confirmed yet"
      case .disputed: "times disputed"
      case .noAgreement: "no agreement pays for it"
      }
    }
  }

  public let personID: ID<Person>
  public let visitKey: String
  public let day: Day
  /// Minutes after midnight.
  public let start: Int
  public let minutes: Int
  public let why: Why

  public init(personID: ID<Person>, visitKey: String, day: Day, start: Int, minutes: Int, why: Why) {
    (self.personID, self.visitKey, self.day, self.start, self.minutes, self.why) = (
      personID, visitKey, day, start, minutes, why
    )
  }
}

/// One invoice run as kept: its days, who ran it and when, what it issued and the visits it left out.
public struct InvoiceRun: Sendable, Hashable, Identifiable {
  public let id: UUID
  public let period: InvoicePeriod
  public let ranAt: Date
  public let ranBy: ID<Account>
  public let invoices: [Invoice]
  public let leftOut: [LeftOutVisit]

  public init(
    id: UUID, period: InvoicePeriod, ranAt: Date, ranBy: ID<Account>, invoices: [Invoice], leftOut: [LeftOutVisit]
  ) {
    (self.id, self.period, self.ranAt, self.ranBy, self.invoices, self.leftOut) = (
      id, period, ranAt, ranBy, invoices, leftOut
    )
  }
}

/// The co-op's contribution: the share of what it invoices that it keeps to run itself (the rest pays for the
/// care). The members decide the percent (`Setting.contributionPercent`); an invoice is shared at the percent in
/// force on its first day.
public enum Contribution {
  /// Until the members decide otherwise.
  public static let standardPercent = 15

  /// The contribution from `pence` at `percent`, to the nearest penny (a half penny away from zero, so a credit
  /// note's share is its invoice's, negated).
  public static func pence(of pence: Int, percent: Int) -> Int {
    precondition((0...100).contains(percent), "a share is a percent from 0 to 100")
    let magnitude = (abs(pence) * percent + 50) / 100
    return pence < 0 ? -magnitude : magnitude
  }
}

/// One month of the co-op's contribution: what was invoiced for visits from that month (credit notes taken
/// off), the co-op's share of it, and what paid for the care.
public struct ContributionMonth: Sendable, Hashable {
  /// The first day of the month.
  public let month: Day
  public let invoicedPence: Int
  public let contributionPence: Int
  /// The percents the month's invoices were shared at (more than one when the members changed it mid-month).
  public let percents: [Int]
  public var carePence: Int { invoicedPence - contributionPence }
}

extension Contribution {
  /// The months from `first`'s month, `count` of them, oldest first. Each invoice or credit note counts in the
  /// month of its first day, shared at the percent in force that day and rounded as its own page rounds it, so
  /// the months add up to what the invoices' pages say; a month with nothing invoiced is all zeros.
  public static func months(
    _ totals: [(from: Day, pence: Int)], first: Day, count: Int, percentOn: (Day) -> Int
  ) -> [ContributionMonth] {
    var month = Day(year: first.year, month: first.month, day: 1)!
    var result: [ContributionMonth] = []
    for _ in 0..<count {
      let mine = totals.filter { $0.from.year == month.year && $0.from.month == month.month }
      let shared = mine.map { (pence: $0.pence, percent: percentOn($0.from)) }
      result.append(
        ContributionMonth(
          month: month, invoicedPence: shared.reduce(0) { $0 + $1.pence },
          contributionPence: shared.reduce(0) { $0 + pence(of: $1.pence, percent: $1.percent) },
          percents: Set(shared.map(\.percent)).sorted()))
      month =
        month.month == 12
        ? Day(year: month.year + 1, month: 1, day: 1)! : Day(year: month.year, month: month.month + 1, day: 1)!
    }
    return result
  }
}
