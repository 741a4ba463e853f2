import Foundation

/// Access given for a time, on top of what the requester's place in the co-op allows. The one kind today is
/// the safeguarding override: the person's team has the final say on their team and their visits, except
/// that a safeguarding lead of their circle (or the registered manager) may act over it, for a stated reason,
/// for at most three days, with every use written to the person's log.
public struct AccessGrant: Hashable, Sendable, Codable {
  public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
    case safeguardingOverride = "safeguarding-override"
  }

  public let id: ID<AccessGrant>
  public let coopID: ID<Coop>
  public let personID: ID<Person>
  /// Who holds it: the one the override lets act.
  public let holderID: ID<Account>
  public let kind: Kind
  public let reason: String
  public let from: Date
  public let until: Date
  /// Set when it was ended before its time.
  public let endedAt: Date?
  /// What it lets its holder act over: only what the task needs (an override kept before reaches were
  /// chosen reaches both).
  public var reaches: Set<OverrideReach> = Set(OverrideReach.allCases)

  public init(
    id: ID<AccessGrant>, coopID: ID<Coop>, personID: ID<Person>, holderID: ID<Account>, kind: Kind,
    reason: String, from: Date, until: Date, endedAt: Date?
  ) {
    self.id = id
    self.coopID = coopID
    self.personID = personID
    self.holderID = holderID
    self.kind = kind
    self.reason = reason
    self.from = from
    self.until = until
    self.endedAt = endedAt
  }

  /// In force at that moment: started, not yet run out, not ended.
  public func isActive(at now: Date) -> Bool { endedAt == nil && from <= now && now < until }

  /// The longest an override lasts; a longer need is a new override with a new reason.
  public static let longestHours = 72
}

/// What an override lets its holder act over, in place of the team's say.
public enum OverrideReach: String, Hashable, Sendable, Codable, CaseIterable {
  /// Who is in the team (taking someone out of it).
  case team
  /// The person's visits (answering a change to the support pattern).
  case visits

  public var label: String {
    switch self {
    case .team: "Who is in the team"
    case .visits: "The person's visits"
    }
  }
}

/// What starting a safeguarding override asks for: why, for how many hours (1 to 72), and what it reaches
/// (nil: both, for callers that predate the choice; the site and the API always ask).
public struct NewOverride: Sendable, Codable {
  public var reason: String
  public var hours: Int?
  public var reaches: [String]?

  public init(reason: String, hours: Int?, reaches: [String]? = nil) {
    self.reason = reason
    self.hours = hours
    self.reaches = reaches
  }

  public struct Valid: Sendable, Equatable {
    public let reason: String
    public let hours: Int
    public var reaches: Set<OverrideReach> = Set(OverrideReach.allCases)
  }

  public func validated() throws(CareError) -> Valid {
    var v = Validator()
    let reason = v.text(reason, field: "reason", label: "why the override is needed", max: 500, multiline: true)
    let hours = hours ?? 0
    if !(1...AccessGrant.longestHours).contains(hours) {
      v.add("hours", "Enter how many hours, from 1 to \(AccessGrant.longestHours)")
    }
    var reach = Set(OverrideReach.allCases)
    if let reaches {
      let known = reaches.compactMap(OverrideReach.init(rawValue:))
      if known.isEmpty || known.count != reaches.count || Set(known).count != known.count {
        v.add("reaches", "Choose what the override reaches: only what the task needs")
      }
      reach = Set(known)
    }
    try v.check()
    return Valid(reason: reason, hours: hours, reaches: reach)
  }
}

/// A second hat holder's review of a safeguarding override: was acting over the team justified? Due within
/// `AccessGrant.reviewWithinHours` of its start; an overdue one is shown to the registered manager.
public struct OverrideReview: Hashable, Sendable {
  public enum Outcome: String, Hashable, Sendable, CaseIterable {
    case justified
    case notJustified = "not-justified"

    public var label: String {
      switch self {
      case .justified: "Justified: acting over the team was needed"
      case .notJustified: "Not justified: it should not have happened"
      }
    }
  }

  public let grantID: ID<AccessGrant>
  public let reviewerID: ID<Account>
  public let outcome: Outcome
  public let note: String
  public let at: Date

  public init(grantID: ID<AccessGrant>, reviewerID: ID<Account>, outcome: Outcome, note: String, at: Date) {
    (self.grantID, self.reviewerID, self.outcome, self.note, self.at) = (grantID, reviewerID, outcome, note, at)
  }
}

extension AccessGrant {
  /// A second hat holder reviews every override within two days of its start.
  public static let reviewWithinHours = 48

  public var reviewDue: Date { from.addingTimeInterval(TimeInterval(Self.reviewWithinHours * 3600)) }
}

/// A review as typed: the outcome and why (both needed).
public struct NewOverrideReview: Sendable, Hashable {
  public var outcome: String?
  public var note: String?

  public init(outcome: String?, note: String?) { (self.outcome, self.note) = (outcome, note) }

  public static let longestNote = 1_000

  public func validated() throws(CareError) -> (OverrideReview.Outcome, String) {
    var v = Validator()
    let outcome = outcome.flatMap(OverrideReview.Outcome.init(rawValue:))
    if outcome == nil { v.add("outcome", "Say whether the override was justified") }
    let note = v.text(note, field: "note", label: "why you think so", max: Self.longestNote, multiline: true)
    try v.check()
    return (outcome!, note)
  }
}
