import Foundation

/// One side's answer about a visit's times: the worker confirms them (adjusting what the phone said if it
/// was wrong), the person or their arranger confirms or disputes them. In either order; the newest answer of
/// each side counts, and every answer is kept.
public struct TimesAnswer: Sendable, Hashable, Identifiable {
  public enum Side: String, Sendable, Codable, CaseIterable {
    case worker, person
  }

  public enum Answer: String, Sendable, Codable, CaseIterable {
    case confirm, dispute
  }

  public let id: CareCore.ID<TimesAnswer>
  public let coopID: CareCore.ID<Coop>
  public let personID: CareCore.ID<Person>
  public let visitKey: String
  public let visitID: CareCore.ID<RotaVisit>
  public let accountID: CareCore.ID<Account>
  public let side: Side
  public let answer: Answer
  /// The times the worker confirms (minutes after midnight on the visit's day); nil for the person's answer.
  public let start: Int?
  public let end: Int?
  /// Why it is disputed (or a note with a confirmation).
  public let reason: String
  public let at: Date

  public init(
    id: CareCore.ID<TimesAnswer>, coopID: CareCore.ID<Coop>, personID: CareCore.ID<Person>, visitKey: String,
    visitID: CareCore.ID<RotaVisit>,
    accountID: CareCore.ID<Account>, side: Side, answer: Answer, start: Int?, end: Int?, reason: String, at: Date
  ) {
    self.id = id
    self.coopID = coopID
    self.personID = personID
    self.visitKey = visitKey
    self.visitID = visitID
    self.accountID = accountID
    self.side = side
    self.answer = answer
    self.start = start
    self.end = end
    self.reason = reason
    self.at = at
  }
}

/// A visit's times as they stand: planned, as the worker confirmed them, and whether the person agrees.
/// These confirmed times are what the hours ledger will count.
public struct VisitTimes: Sendable, Hashable {
  public enum State: String, Sendable, Codable {
    /// Waiting for the worker, the person, or both.
    case pending
    /// Both sides said the times are right.
    case confirmed
    /// The person (or their arranger) said something is wrong: held until it is sorted out.
    case disputed
  }

  public let plannedStart: Int
  public let plannedEnd: Int
  /// The worker's confirmed times (minutes after midnight on the visit's day).
  public let start: Int?
  public let end: Int?
  public let workerAnswer: TimesAnswer?
  public let personAnswer: TimesAnswer?
  /// Confirmed because the person said nothing for the days their settings give (labelled so).
  public let isAutoConfirmed: Bool

  /// `autoConfirmDays` and `now`: the person's setting (`RecordSettings`) and the time of reading.
  public init(
    visit: RotaVisit, answers: [TimesAnswer], autoConfirmDays: Int? = nil, now: Date? = nil,
    calendar: CoopCalendar = .london
  ) {
    plannedStart = visit.start
    plannedEnd = visit.end
    let newest = answers.sorted { ($0.at, $0.id.description) < ($1.at, $1.id.description) }
    workerAnswer = newest.last { $0.side == .worker }
    personAnswer = newest.last { $0.side == .person }
    start = workerAnswer?.start
    end = workerAnswer?.end
    var auto = false
    if let days = autoConfirmDays, let now, personAnswer == nil, let worker = workerAnswer,
      worker.answer == .confirm
    {
      let visitEnd = calendar.instant(on: visit.day, atMinute: min(visit.start, 1439))
        .addingTimeInterval(TimeInterval(visit.length * 60))
      auto = now >= max(worker.at, visitEnd).addingTimeInterval(TimeInterval(days * 24 * 3600))
    }
    isAutoConfirmed = auto
  }

  public var state: State {
    if personAnswer?.answer == .dispute { return .disputed }
    if workerAnswer?.answer == .confirm, personAnswer?.answer == .confirm || isAutoConfirmed { return .confirmed }
    return .pending
  }

  /// The confirmed length of the visit in minutes, once both sides agree.
  public var confirmedMinutes: Int? {
    guard state == .confirmed, let start, let end else { return nil }
    return end - start
  }
}
