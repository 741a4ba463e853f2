import Foundation

/// Who pays for a person's support under an agreement.
public enum FunderKind: String, Sendable, Hashable, Codable, CaseIterable {
  case localAuthority, nhsContinuingHealthcare, directPayment, personalHealthBudget, selfFunded

  public var label: String {
    switch self {
    case .localAuthority: "Local authority"
    case .nhsContinuingHealthcare: "NHS continuing healthcare"
    case .directPayment: "Direct payment"
    case .personalHealthBudget: "Personal health budget"
    case .selfFunded: "Self-funded"
    }
  }
}

/// How often an agreement's hours come.
public enum FundingPeriod: String, Sendable, Hashable, Codable, CaseIterable {
  /// Monday to Sunday.
  case week
  /// 28 days from the agreement's first day.
  case fourWeeks
  /// Calendar months.
  case month

  public var label: String {
    switch self {
    case .week: "a week"
    case .fourWeeks: "four weeks"
    case .month: "a month"
    }
  }

  /// The period that holds `day`, for an agreement starting on `start` (the first period may be short: it
  /// begins on the agreement's first day).
  public func period(containing day: Day, start: Day) -> ClosedRange<Day> {
    let first: Day
    let next: Day
    switch self {
    case .week:
      first = CoopCalendar.london.weekStart(of: day)
      next = first.adding(days: 7)
    case .fourWeeks:
      let offset = start.days(to: day)
      let index = offset >= 0 ? offset / 28 : (offset - 27) / 28
      first = start.adding(days: index * 28)
      next = first.adding(days: 28)
    case .month:
      first = Day(year: day.year, month: day.month, day: 1)!
      next =
        day.month == 12
        ? Day(year: day.year + 1, month: 1, day: 1)! : Day(year: day.year, month: day.month + 1, day: 1)!
    }
    return max(first, start)...next.adding(days: -1)
  }
}

extension Day {
  /// Whole days from this day to `other` (negative when `other` is earlier).
  public func days(to other: Day) -> Int {
    let a = Day.calendar.date(from: DateComponents(year: year, month: month, day: day))!
    let b = Day.calendar.date(from: DateComponents(year: other.year, month: other.month, day: other.day))!
    return Int((b.timeIntervalSince(a) / 86_400).rounded())
  }
}

/// What a funding agreement says, checked all at once before it is kept.
public struct FundingTerms: Sendable, Hashable {
  public var funder: FunderKind
  /// The funder by name ("Leeds City Council").
  public var funderName: String
  public var minutesPerPeriod: Int
  public var period: FundingPeriod
  public var starts: Day
  /// The last day it covers (nil: until ended).
  public var ends: Day?
  /// The hourly rate charged to the funder, in pence.
  public var ratePence: Int
  /// The most that may be banked, in minutes (nil: no banking).
  public var bankLimitMinutes: Int?
  /// Weeks after which banked hours expire.
  public var bankWeeks: Int
  /// Fewer, longer visits allowed: their shortest and longest length, in minutes (nil: not allowed).
  public var compressMinMinutes: Int?
  public var compressMaxMinutes: Int?
  /// Days of notice the funder needs of a change.
  public var noticeDays: Int

  public init(
    funder: FunderKind, funderName: String, minutesPerPeriod: Int, period: FundingPeriod, starts: Day,
    ends: Day? = nil, ratePence: Int, bankLimitMinutes: Int? = nil, bankWeeks: Int = 4,
    compressMinMinutes: Int? = nil, compressMaxMinutes: Int? = nil, noticeDays: Int = 0
  ) {
    self.funder = funder
    self.funderName = funderName
    self.minutesPerPeriod = minutesPerPeriod
    self.period = period
    self.starts = starts
    self.ends = ends
    self.ratePence = ratePence
    self.bankLimitMinutes = bankLimitMinutes
    self.bankWeeks = bankWeeks
    self.compressMinMinutes = compressMinMinutes
    self.compressMaxMinutes = compressMaxMinutes
    self.noticeDays = noticeDays
  }

  /// Up to a whole month of round-the-clock support.
  public static let minutesRange = 1...(31 * 24 * 60)
  /// Up to £1,000 an hour.
  public static let rateRange = 0...100_000
  public static let bankWeeksRange = 1...52
  public static let visitRange = 15...(24 * 60)
  public static let noticeRange = 0...90

  public func validated() throws(CareError) -> FundingTerms {
    var v = Validator()
    var terms = self
    terms.funderName = v.text(funderName, field: "funderName", label: "the funder's name", max: 120)
    if !Self.minutesRange.contains(minutesPerPeriod) {
      v.add("minutesPerPeriod", "Give the hours a period as minutes from 1 to \(Self.minutesRange.upperBound)")
    }
    if let ends, ends < starts { v.add("ends", "The last day must be on or after the first") }
    if !Self.rateRange.contains(ratePence) { v.add("ratePence", "Give the hourly rate in pence, from 0 to 100000") }
    if let limit = bankLimitMinutes, !(1...Self.minutesRange.upperBound).contains(limit) {
      v.add("bankLimitMinutes", "Give the most that may be banked as minutes from 1 to \(Self.minutesRange.upperBound)")
    }
    if !Self.bankWeeksRange.contains(bankWeeks) { v.add("bankWeeks", "Give the weeks banked hours last, from 1 to 52") }
    switch (compressMinMinutes, compressMaxMinutes) {
    case (nil, nil): break
    case (let low?, let high?):
      if !Self.visitRange.contains(low) { v.add("compressMinMinutes", "Give the shortest visit as 15 to 1440 minutes") }
      if !Self.visitRange.contains(high) { v.add("compressMaxMinutes", "Give the longest visit as 15 to 1440 minutes") }
      if low > high { v.add("compressMaxMinutes", "The longest visit must be at least the shortest") }
    default:
      v.add("compressMaxMinutes", "Give both the shortest and the longest visit, or neither")
    }
    if !Self.noticeRange.contains(noticeDays) { v.add("noticeDays", "Give the days of notice, from 0 to 90") }
    try v.check()
    return terms
  }
}

/// One funding agreement of a person's: who pays, how many hours a period, the rate, and the rules about
/// banking and compressing. A person may have several at once (split funding).
public struct FundingAgreement: Sendable, Hashable, Identifiable {
  public let id: ID<FundingAgreement>
  public let coopID: ID<Coop>
  public let personID: ID<Person>
  public let terms: FundingTerms
  public let recordedBy: ID<Account>
  public let recordedAt: Date

  public init(
    id: ID<FundingAgreement>, coopID: ID<Coop>, personID: ID<Person>, terms: FundingTerms, recordedBy: ID<Account>,
    recordedAt: Date
  ) {
    self.id = id
    self.coopID = coopID
    self.personID = personID
    self.terms = terms
    self.recordedBy = recordedBy
    self.recordedAt = recordedAt
  }

  public func covers(_ day: Day) -> Bool { terms.starts <= day && terms.ends.map { day <= $0 } ?? true }

  /// The periods from its start up to the one holding `day` (the last one cut at its end day).
  public func periods(through day: Day) -> [ClosedRange<Day>] {
    var out: [ClosedRange<Day>] = []
    var cursor = terms.starts
    let last = terms.ends.map { min($0, day) } ?? day
    while cursor <= last {
      let period = terms.period.period(containing: cursor, start: terms.starts)
      let cut = terms.ends.map { period.lowerBound...min(period.upperBound, $0) } ?? period
      out.append(cut)
      cursor = period.upperBound.adding(days: 1)
    }
    return out
  }

  /// The minutes given for one of its periods: the whole period's hours, or for a period cut short by the
  /// agreement's first or last day, that share of them (whole minutes, rounded down).
  public func allocation(for period: ClosedRange<Day>) -> Int {
    let whole: Int
    switch terms.period {
    case .week: whole = 7
    case .fourWeeks: whole = 28
    case .month:
      let day = period.lowerBound
      let first = Day(year: day.year, month: day.month, day: 1)!
      whole = first.days(to: FundingPeriod.month.period(containing: first, start: first).upperBound) + 1
    }
    let days = period.lowerBound.days(to: period.upperBound) + 1
    return days >= whole ? terms.minutesPerPeriod : terms.minutesPerPeriod * days / whole
  }

  /// Which of a person's agreements pays for a visit on `day`: of those covering the day with at least the
  /// visit's minutes available, the one that started first (then the lowest id). The same rule is shown to
  /// the person on their hours page.
  public static func payer(
    for day: Day, minutes: Int, among agreements: [FundingAgreement], available: [ID<FundingAgreement>: Int]
  ) -> FundingAgreement? {
    agreements.filter { $0.covers(day) && (available[$0.id] ?? 0) >= minutes }
      .min { ($0.terms.starts, $0.id.description) < ($1.terms.starts, $1.id.description) }
  }

  public static let payerRule =
    "A visit is paid from the agreement that covers its day and has the hours left, the one that started first."
}
