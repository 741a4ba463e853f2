import Foundation

/// How a proposal is decided.
public enum ProposalKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// For, against or abstain; a quorum must take part and a share of those for or against must be for.
  case majority
  /// Passes unless a reasoned objection stands when the poll closes.
  case consent
  /// Members rank the candidates standing, by secret ballot; the single transferable vote fills the seats.
  case election
  /// Members say which of the times offered they can come to; the time most can come to is chosen.
  case timePoll = "time-poll"

  public var label: String {
    switch self {
    case .majority: "A majority vote"
    case .consent: "Consent: it goes ahead unless someone objects"
    case .election: "An election: members rank the candidates in a secret ballot"
    case .timePoll: "A time poll: find the time most members can come to a meeting"
    }
  }

  /// Whether the poll is by secret ballot: the co-op knows who voted, never how.
  public var isSecret: Bool { self == .election }

  /// The answers a member can give, in the order shown.
  public var choices: [VoteChoice] {
    switch self {
    case .majority: [.for, .against, .abstain]
    case .consent: [.consent, .concern, .objection]
    case .election, .timePoll: []
    }
  }
}

/// The share of votes for (out of for and against) a majority vote needs.
public enum MajorityShare: String, Sendable, Hashable, Codable, CaseIterable {
  case simple
  case twoThirds = "two-thirds"
  case threeQuarters = "three-quarters"

  public var label: String {
    switch self {
    case .simple: "More than half"
    case .twoThirds: "At least two thirds"
    case .threeQuarters: "At least three quarters"
    }
  }
}

/// One member's answer.
public enum VoteChoice: String, Sendable, Hashable, Codable, CaseIterable {
  case `for`, against, abstain
  case consent, concern, objection

  public var label: String {
    switch self {
    case .for: "For"
    case .against: "Against"
    case .abstain: "I abstain"
    case .consent: "I consent"
    case .concern: "I have a concern, but it can go ahead"
    case .objection: "I object: it should not go ahead as it is"
    }
  }

  /// An objection must say why (a reasoned objection); other answers may.
  public var needsReason: Bool { self == .objection }
}

/// A proposal put to the whole co-op: its words, how it is decided, when the poll opens and closes, and
/// (once closed and counted) its result.
public struct Proposal: Sendable, Hashable, Identifiable {
  public let id: ID<Proposal>
  public let coopID: ID<Coop>
  public let title: String
  public let text: String
  public let kind: ProposalKind
  /// For a majority vote.
  public let share: MajorityShare
  /// How many members must take part (answers of any kind) for the result to count.
  public let quorum: Int
  public let opensAt: Date
  public let closesAt: Date
  public let createdBy: ID<Account>
  public let createdAt: Date
  public let result: ProposalResult?
  /// For an election: the seats, the candidates and the lot.
  public let election: Election?
  /// The settings it changes if it passes, and the day they take effect.
  public var changes: [SettingChange] = []
  public var takesEffect: Day? = nil
  /// For a time poll: the times offered, in order.
  public var times: [MeetingTime] = []
  /// Put to one circle (its workers and the people it supports answer), or nil: to the whole co-op.
  public var circleID: ID<Circle>? = nil
  /// Put to one person's team (the person and their active team answer it, and only those who may see the
  /// team see it), or nil.
  public var teamPersonID: ID<Person>? = nil
  /// A hat's new definition if it passes, from `takesEffect`.
  public var redefinesHat: HatRedefinition? = nil

  /// Whether it changes anything if it passes (settings or a hat's definition).
  public var acts: Bool { takesEffect != nil && (!changes.isEmpty || redefinesHat != nil) }

  /// For a time poll, once counted: the time chosen.
  public var chosenTime: MeetingTime? { result?.chosenTime.flatMap { n in times.first { $0.number == n } } }

  public init(
    id: ID<Proposal>, coopID: ID<Coop>, title: String, text: String, kind: ProposalKind, share: MajorityShare,
    quorum: Int, opensAt: Date, closesAt: Date, createdBy: ID<Account>, createdAt: Date, result: ProposalResult?,
    election: Election? = nil
  ) {
    self.election = election
    (self.id, self.coopID, self.title, self.text, self.kind, self.share) = (id, coopID, title, text, kind, share)
    (self.quorum, self.opensAt, self.closesAt, self.createdBy, self.createdAt, self.result) = (
      quorum, opensAt, closesAt, createdBy, createdAt, result
    )
  }

  public enum Status: String, Sendable, Hashable {
    case upcoming, open, closed
  }

  public func status(at now: Date) -> Status {
    now < opensAt ? .upcoming : now < closesAt ? .open : .closed
  }

  public static let longestTitle = 120
  public static let longestText = 4_000
  /// The longest a poll stays open, in days.
  public static let longestPoll = 90
}

/// What a closed poll decided, counted once from the last answer of each member who answered.
public struct ProposalResult: Sendable, Hashable {
  public enum Outcome: String, Sendable, Hashable, Codable {
    case passed, failed, blocked, inquorate, elected, chosen
    case noTime = "no-time"

    public var label: String {
      switch self {
      case .passed: "Passed"
      case .failed: "Not passed"
      case .blocked: "Not passed: an objection stands"
      case .inquorate: "Not decided: too few took part"
      case .elected: "Counted: the seats are filled"
      case .chosen: "Counted: a time is chosen"
      case .noTime: "Not decided: no time offered suits anyone"
      }
    }
  }

  public let outcome: Outcome
  /// How many gave each answer.
  public let tally: [VoteChoice: Int]
  public let turnout: Int
  public let countedAt: Date
  /// For an election: the candidate numbers elected, in the order elected.
  public let elected: [Int]
  /// For a time poll: the number of the time chosen.
  public let chosenTime: Int?

  public init(
    outcome: Outcome, tally: [VoteChoice: Int], turnout: Int, countedAt: Date, elected: [Int] = [],
    chosenTime: Int? = nil
  ) {
    (self.outcome, self.tally, self.turnout, self.countedAt) = (outcome, tally, turnout, countedAt)
    (self.elected, self.chosenTime) = (elected, chosenTime)
  }

  /// The same decision and numbers (when it was counted aside): what a recount must agree with.
  public func agrees(with other: ProposalResult) -> Bool {
    outcome == other.outcome && turnout == other.turnout && elected == other.elected
      && chosenTime == other.chosenTime
      && tally.filter { $0.value > 0 } == other.tally.filter { $0.value > 0 }
  }
}

/// How an answer reached the co-op: given by the member on the site, or entered by a hat holder from a postal
/// ballot or as the member's proxy.
public enum VoteWay: String, Sendable, Hashable, Codable, CaseIterable {
  case online, postal, proxy

  public var label: String {
    switch self {
    case .online: "on the site"
    case .postal: "a postal vote"
    case .proxy: "by proxy"
    }
  }
}

/// One member's answer as kept: a new one replaces the last until the poll closes (both are kept).
public struct Vote: Sendable, Hashable {
  public let voterID: ID<Account>
  public let choice: VoteChoice
  public let reason: String
  public let way: VoteWay
  /// Who entered a postal or proxy vote (nil: the member themselves).
  public let enteredBy: ID<Account>?
  public let at: Date

  public init(
    voterID: ID<Account>, choice: VoteChoice, reason: String, way: VoteWay = .online, enteredBy: ID<Account>? = nil,
    at: Date
  ) {
    (self.voterID, self.choice, self.reason, self.way, self.enteredBy, self.at) = (
      voterID, choice, reason, way, enteredBy, at
    )
  }

  public static let longestReason = 1_000
}
