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

/// A new proposal as typed, checked all at once against today.
public struct NewProposal: Sendable, Hashable {
  public var title: String?
  public var text: String?
  public var kind: String?
  public var share: String?
  public var quorum: Int?
  /// The last day of the poll (it closes at the end of that day, London time).
  public var closesOn: String?
  /// For an election: how many are elected, and the members standing (account ids, in ballot order).
  public var seats: Int?
  public var candidates: [String]
  /// For an election that fills a hat: the hat (one of the co-op's own hats) and the last day of the term.
  public var hatID: String?
  public var termEnd: String?
  /// The settings it changes if it passes (`Setting` raw value → the new value as typed; empty: unchanged),
  /// and the day they take effect.
  public var changes: [String: String] = [:]
  public var takesEffect: String?
  /// For a time poll: the times offered (empty rows left out), and how long the meeting is (default an hour).
  public var times: [TypedTime] = []
  public var meetingMinutes: Int?
  /// Put to one circle (its id), or to the whole co-op (nil or empty).
  public var circle: String?

  public init(
    title: String?, text: String?, kind: String?, share: String?, quorum: Int?, closesOn: String?, seats: Int? = nil,
    candidates: [String] = []
  ) {
    (self.title, self.text, self.kind, self.share, self.quorum, self.closesOn) = (
      title, text, kind, share, quorum, closesOn
    )
    (self.seats, self.candidates) = (seats, candidates)
  }

  /// For an election that fills a hat.
  public func forHat(_ hatID: String?, until termEnd: String?) -> Self {
    var copy = self
    (copy.hatID, copy.termEnd) = (hatID, termEnd)
    return copy
  }

  /// For a proposal that changes settings.
  public func changing(_ changes: [String: String], from takesEffect: String?) -> Self {
    var copy = self
    (copy.changes, copy.takesEffect) = (changes, takesEffect)
    return copy
  }

  /// Put to one circle rather than the whole co-op.
  public func forCircle(_ circle: String?) -> Self {
    var copy = self
    copy.circle = circle
    return copy
  }

  /// The circle it is put to, as typed (nil: the whole co-op; a malformed id is refused by `validated`).
  public var circleID: ID<Circle>? { circle.flatMap { ID<Circle>(string: $0) } }

  /// For a time poll.
  public func offering(_ times: [TypedTime], minutes: Int?) -> Self {
    var copy = self
    (copy.times, copy.meetingMinutes) = (times, minutes)
    return copy
  }

  public struct Valid: Sendable, Hashable {
    public let title: String
    public let text: String
    public let kind: ProposalKind
    public let share: MajorityShare
    public let quorum: Int
    public let closesOn: Day
    /// For an election (the lot is drawn when it is kept).
    public let seats: Int
    public let candidates: [Candidate]
    public var hat: ElectedHat? = nil
    public var changes: [SettingChange] = []
    public var takesEffect: Day? = nil
    public var times: [MeetingTime] = []
    public var circleID: ID<Circle>? = nil
  }

  /// `candidatesFrom`: the members who can vote, with their names (candidates must be among them).
  /// `hats`: the hats an election may fill, by name (the co-op's own; for a circle's decision, the circle's).
  /// `circles`: the co-op's circles, by name (a proposal may be put to one).
  public func validated(
    today: Day, members: Int, candidatesFrom: [ID<Account>: String] = [:], hats: [ID<Hat>: String] = [:],
    circles: [ID<Circle>: String] = [:]
  ) throws(CareError) -> Valid {
    var v = Validator()
    let typedCircle = (circle ?? "").trimmingCharacters(in: .whitespaces)
    if !typedCircle.isEmpty && (circleID == nil || circles[circleID!] == nil) {
      v.add("circle", "Choose one of the co-op's circles, or the whole co-op")
    }
    let title = v.text(title, field: "title", label: "the proposal's title", max: Proposal.longestTitle)
    let text = v.text(
      text, field: "text", label: "what is proposed", max: Proposal.longestText, multiline: true)
    let kind = kind.flatMap(ProposalKind.init(rawValue:))
    if kind == nil { v.add("kind", "Choose how it is decided") }
    let share = (share?.isEmpty ?? true) ? MajorityShare.simple : share.flatMap(MajorityShare.init(rawValue:))
    if share == nil { v.add("share", "Choose the share of votes it needs") }
    if let quorum, quorum < 0 || quorum > max(members, 0) {
      v.add("quorum", "The quorum must be from 0 to \(members), the members who can vote")
    }
    let closes = v.day(closesOn, field: "closesOn", label: "the poll's last day")
    if let closes, closes < today || closes > today.adding(days: Proposal.longestPoll) {
      v.add("closesOn", "The poll's last day must be from today to \(Proposal.longestPoll) days from now")
    }
    var standing: [Candidate] = []
    var elected: ElectedHat? = nil
    if kind == .election {
      let seats = self.seats ?? 0
      if !(1...Election.mostSeats).contains(seats) {
        v.add("seats", "Say how many are to be elected: from 1 to \(Election.mostSeats)")
      }
      var seen = Set<ID<Account>>()
      for text in candidates {
        guard let id = ID<Account>(string: text), let name = candidatesFrom[id] else {
          v.add("candidates", "Candidates must be members who can vote")
          break
        }
        guard seen.insert(id).inserted else {
          v.add("candidates", "A member can be named as a candidate once only")
          break
        }
        standing.append(Candidate(number: standing.count + 1, accountID: id, name: name))
      }
      if v.errors.contains(where: { $0.field == "candidates" }) {
        // Said already.
      } else if standing.count > Election.mostCandidates {
        v.add("candidates", "At most \(Election.mostCandidates) candidates can stand")
      } else if (1...Election.mostSeats).contains(seats) && standing.count <= seats {
        v.add("candidates", "Choose more candidates than seats (\(seats)), so that members have a choice")
      }
      if let text = hatID, !text.isEmpty {
        if let hat = ID<Hat>(string: text), let name = hats[hat] {
          if seats != 1 { v.add("seats", "A hat is worn by one member: an election for it has 1 seat") }
          let end = v.day(termEnd, field: "termEnd", label: "the last day of the term")
          if let end, let closes, end <= closes || end > closes.adding(days: ElectedHat.longestTerm) {
            v.add("termEnd", "The term must end after the poll closes, and within five years")
          }
          if let end { elected = ElectedHat(hatID: hat, name: name, termEnd: end) }
        } else {
          v.add(
            "hatID",
            typedCircle.isEmpty
              ? "Choose one of the co-op's hats, or none" : "Choose one of the circle's own hats, or none")
        }
      } else if let termEnd, !termEnd.isEmpty {
        v.add("termEnd", "Only an election for a hat has a term: choose the hat, or leave the term empty")
      }
    } else if kind != nil {
      if (hatID ?? "").isEmpty == false { v.add("hatID", "Only an election can fill a hat") }
      if seats != nil { v.add("seats", "Only an election has seats: leave it empty") }
      if !candidates.isEmpty { v.add("candidates", "Only an election has candidates: choose none") }
    }
    let (changes, from) = Self.validatedChanges(
      self.changes, takesEffect: takesEffect, closes: closes, kind: kind, into: &v)
    let times = Self.validatedTimes(self.times, minutes: meetingMinutes, closes: closes, kind: kind, into: &v)
    if !typedCircle.isEmpty, changes.contains(where: { !Setting.circleOwn.contains($0.setting) }) {
      v.add("changes", "A circle decides its own size guide only: put other settings to the whole co-op")
    }
    try v.check()
    var valid = Valid(
      title: title, text: text, kind: kind!, share: share!, quorum: quorum ?? 0, closesOn: closes!,
      seats: kind == .election ? seats ?? 0 : 0, candidates: standing, hat: elected, changes: changes,
      takesEffect: from, times: times)
    valid.circleID = typedCircle.isEmpty ? nil : circleID
    return valid
  }
}
