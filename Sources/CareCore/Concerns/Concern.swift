import Foundation

/// What a member raises: a concern (something wrong, or at risk of going wrong), a suggestion, or a
/// compliment. All are tracked the same way, so the co-op learns from each.
public enum ConcernKind: String, Sendable, Hashable, Codable, CaseIterable {
  case concern, suggestion, compliment

  public var label: String {
    switch self {
    case .concern: "A concern or complaint"
    case .suggestion: "A suggestion"
    case .compliment: "A compliment"
    }
  }
}

/// Where a concern has got to. It moves forward only: raised, acknowledged, being explored, and an outcome
/// (what was found and what changes). Exploring may be skipped when the answer is plain.
public enum ConcernState: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case raised, acknowledged, exploring, outcome

  public var label: String {
    switch self {
    case .raised: "Raised"
    case .acknowledged: "Acknowledged"
    case .exploring: "Being looked into"
    case .outcome: "Outcome given"
    }
  }

  public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

  /// The days from raising within which the co-op promises this step (acknowledged within 2 days, an
  /// outcome within 28): past it, the step is overdue and the list says so.
  public var promisedDays: Int? {
    switch self {
    case .acknowledged: 2
    case .outcome: 28
    case .raised, .exploring: nil
    }
  }
}

/// One step a concern took: the state it reached, who moved it there, when, and what they said.
public struct ConcernStep: Sendable, Hashable {
  public let state: ConcernState
  public let note: String
  public let by: ID<Account>
  public let at: Date

  public init(state: ConcernState, note: String, by: ID<Account>, at: Date) {
    (self.state, self.note, self.by, self.at) = (state, note, by, at)
  }
}

/// A concern, suggestion or compliment, and every step it has taken.
public struct Concern: Sendable, Hashable, Identifiable {
  public let id: ID<Concern>
  public let coopID: ID<Coop>
  public let raisedBy: ID<Account>
  public let kind: ConcernKind
  public let title: String
  public let text: String
  public let raisedAt: Date
  /// Oldest first; none until it is acknowledged.
  public let steps: [ConcernStep]
  /// The person whose support it is about, if any: it is then part of their records (each look is in their
  /// who-looked log).
  public var personID: CareCore.ID<Person>? = nil

  public init(
    id: ID<Concern>, coopID: ID<Coop>, raisedBy: ID<Account>, kind: ConcernKind, title: String, text: String,
    raisedAt: Date, steps: [ConcernStep]
  ) {
    (self.id, self.coopID, self.raisedBy, self.kind, self.title, self.text, self.raisedAt) = (
      id, coopID, raisedBy, kind, title, text, raisedAt
    )
    self.steps = steps
  }

  public var state: ConcernState { steps.last?.state ?? .raised }

  /// When it reached a state (raised: when it was raised).
  public func reached(_ state: ConcernState) -> Date? {
    state == .raised ? raisedAt : steps.first { $0.state == state }?.at
  }

  /// The promised step it has not reached in time by `today`, if any.
  public func overdue(today: Day, calendar: CoopCalendar = .london) -> ConcernState? {
    let waited = today.days(since: calendar.day(of: raisedAt))
    return [ConcernState.acknowledged, .outcome].first { step in
      state < step && waited > (step.promisedDays ?? .max)
    }
  }

  /// The states it may move to next.
  public var next: [ConcernState] {
    ConcernState.allCases.filter { $0 > state && ($0 != .exploring || state == .acknowledged) }
  }

  public static let longestTitle = 120
  public static let longestText = 4_000
}

/// A concern as raised, checked.
public struct NewConcern: Sendable, Hashable {
  public var kind: String?
  public var title: String?
  public var text: String?
  /// The person whose support it is about (their id), or nil: nobody in particular.
  public var about: String?

  public init(kind: String?, title: String?, text: String?, about: String? = nil) {
    (self.kind, self.title, self.text, self.about) = (kind, title, text, about)
  }

  public struct Valid: Sendable, Hashable {
    public let kind: ConcernKind
    public let title: String
    public let text: String
    public var personID: ID<Person>? = nil
  }

  /// `teams`: the people whose teams the raiser is in (or who they are): a concern may be about one of them.
  public func validated(teams: Set<ID<Person>> = []) throws(CareError) -> Valid {
    var v = Validator()
    // Nil is nobody in particular (the form sends nil for its empty choice); anything else must be a person.
    let person = about.flatMap { ID<Person>(string: $0.trimmingCharacters(in: .whitespaces)) }
    if about != nil && (person == nil || !teams.contains(person!)) {
      v.add("about", "Choose a person whose team you are in, or nobody in particular")
    }
    let kind = kind.flatMap(ConcernKind.init(rawValue:))
    if kind == nil { v.add("kind", "Choose what you are raising") }
    let title = v.text(title, field: "title", label: "what it is about", max: Concern.longestTitle)
    let text = v.text(
      text, field: "text", label: "what happened, or your idea", max: Concern.longestText, multiline: true)
    try v.check()
    var valid = Valid(kind: kind!, title: title, text: text)
    valid.personID = person
    return valid
  }
}

/// A step a hat holder moves a concern on, checked against where it is: forward only, and an outcome must say
/// what was found and what changes.
public struct NewConcernStep: Sendable, Hashable {
  public var state: String?
  public var note: String?

  public init(state: String?, note: String?) { (self.state, self.note) = (state, note) }

  public func validated(for concern: Concern) throws(CareError) -> ConcernState {
    var v = Validator()
    let state = state.flatMap(ConcernState.init(rawValue:))
    if state == nil || state == .raised { v.add("state", "Choose the step it has reached") }
    _ = v.text(
      note, field: "note", label: "what was found, and what changes", required: state == .outcome,
      max: Concern.longestText, multiline: true)
    try v.check()
    guard concern.next.contains(state!) else {
      let words =
        concern.state == .outcome
        ? "It has its outcome already"
        : state! > concern.state
          ? "Acknowledge it before looking into it"
          : "It is \(concern.state.label.lowercased()) already: choose a later step"
      throw .conflict(FieldError("state", words))
    }
    return state!
  }

  /// The note as typed, trimmed.
  public var words: String { (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Concerns by month: how many were raised (of each kind), how many reached their outcome, and how long those
/// took; and how many were acknowledged within the promise.
public struct ConcernTrend: Sendable, Hashable {
  public struct Month: Sendable, Hashable {
    /// The month's first day.
    public let first: Day
    public let raised: [ConcernKind: Int]
    /// Concerns given their outcome in the month.
    public let outcomes: Int
    /// The mean days from raising to outcome, for those given their outcome in the month (nil: none).
    public let meanDaysToOutcome: Int?
    /// Raised in the month and acknowledged within the promise (2 days).
    public let acknowledgedInTime: Int

    public var raisedCount: Int { raised.values.reduce(0, +) }
  }

  public let months: [Month]

  /// The `count` months up to and including the month of `through`, oldest first.
  public init(_ concerns: [Concern], through: Day, count: Int = 12, calendar: CoopCalendar = .london) {
    var firsts: [Day] = []
    var month = Day(year: through.year, month: through.month, day: 1)!
    for _ in 0..<count {
      firsts.insert(month, at: 0)
      month =
        month.month == 1
        ? Day(year: month.year - 1, month: 12, day: 1)! : Day(year: month.year, month: month.month - 1, day: 1)!
    }
    func monthOf(_ date: Date) -> Day {
      let day = calendar.day(of: date)
      return Day(year: day.year, month: day.month, day: 1)!
    }
    months = firsts.map { first in
      let raised = concerns.filter { monthOf($0.raisedAt) == first }
      let closed = concerns.filter { $0.reached(.outcome).map(monthOf) == first }
      let days = closed.compactMap { c in
        c.reached(.outcome).map { calendar.day(of: $0).days(since: calendar.day(of: c.raisedAt)) }
      }
      return Month(
        first: first, raised: Dictionary(grouping: raised, by: \.kind).mapValues(\.count), outcomes: closed.count,
        meanDaysToOutcome: days.isEmpty ? nil : (days.reduce(0, +) + days.count / 2) / days.count,
        acknowledgedInTime: raised.filter { c in
          c.reached(.acknowledged).map {
            calendar.day(of: $0).days(since: calendar.day(of: c.raisedAt)) <= ConcernState.acknowledged.promisedDays!
          } ?? false
        }.count)
    }
  }
}
