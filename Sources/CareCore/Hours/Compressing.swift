import Foundation

extension SupportPattern {
  /// The visits it asks for in a week (each day of each visit once, however many workers).
  public var visitsAWeek: Int { visits.reduce(0) { $0 + $1.days.count } }
  /// The person's minutes it uses in a week: each visit's length on each of its days.
  public var minutesAWeek: Int { visits.reduce(0) { $0 + $1.days.count * $1.length } }
}

extension FundingAgreement {
  /// Its hours as minutes a week (four weeks: a quarter; a month: twelve months over 52 weeks), rounded down.
  public var minutesAWeek: Int {
    switch terms.period {
    case .week: terms.minutesPerPeriod
    case .fourWeeks: terms.minutesPerPeriod / 4
    case .month: terms.minutesPerPeriod * 12 / 52
    }
  }
}

/// A proposed support pattern against the person's funding: whether it compresses (fewer, longer visits
/// than the pattern in use), whether the agreements allow that and the visits' lengths, and what it does to
/// the week's hours, in words.
public struct PatternHours: Sendable, Hashable {
  public let minutesAWeek: Int
  public let fundedAWeek: Int
  public let isCompressing: Bool
  /// What the agreements' rules refuse (none when they allow it).
  public let problems: [FieldError]

  /// Checks `new` against `current` (nil: the first pattern) and the agreements in force on `day`.
  public init(new: SupportPattern, current: SupportPattern?, agreements: [FundingAgreement], on day: Day) {
    let inForce = agreements.filter { $0.covers(day) }
    minutesAWeek = new.minutesAWeek
    fundedAWeek = inForce.reduce(0) { $0 + $1.minutesAWeek }
    let longestNow = current?.visits.map(\.length).max() ?? 0
    isCompressing =
      current.map { new.visitsAWeek < $0.visitsAWeek && (new.visits.map(\.length).max() ?? 0) > longestNow } ?? false
    var problems: [FieldError] = []
    if isCompressing {
      for agreement in inForce {
        let name = agreement.terms.funderName
        guard let low = agreement.terms.compressMinMinutes, let high = agreement.terms.compressMaxMinutes else {
          problems.append(FieldError("visits", "The agreement with \(name) does not allow fewer, longer visits"))
          continue
        }
        for visit in new.visits where !(low...high).contains(visit.length) {
          problems.append(
            FieldError(
              "visits",
              "The agreement with \(name) allows visits of \(Minutes(low).spoken) to \(Minutes(high).spoken) "
                + "when they are fewer and longer: one is \(Minutes(visit.length).spoken)"))
        }
      }
    }
    self.problems = problems
  }

  /// What the pattern does to the week's hours, in plain words (nil without an agreement).
  public var words: String? {
    guard fundedAWeek > 0 else { return nil }
    let difference = fundedAWeek - minutesAWeek
    let lead = "These visits use \(Minutes(minutesAWeek).spoken) a week of the \(Minutes(fundedAWeek).spoken) paid for"
    if difference > 0 { return lead + ": \(Minutes(difference).spoken) a week left to bank or use." }
    if difference == 0 { return lead + ": all of them." }
    return lead + ": \(Minutes(-difference).spoken) a week more, which banked hours must cover."
  }
}
