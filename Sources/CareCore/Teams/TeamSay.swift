import Foundation

/// How the decisions about a person's support are made — a change to their support pattern, a change to their
/// plan: the team's final say, as the person sets it. Kept as versions (the newest counts; each in the audit
/// log). A safeguarding override in force answers for the team, whatever is set here.
public enum TeamSay: String, Sendable, Hashable, Codable, CaseIterable {
  /// The person, or their arranger for them (as until the person sets anything).
  case personOrArranger = "person-or-arranger"
  /// The person alone: an arranger's answer does not count, nor can an arranger change this.
  case person
  /// The person and their arranger together: both say yes; either's no is enough to stop it.
  case personAndArranger = "person-and-arranger"
  /// The team by consent: the person (or their arranger) says yes, and it goes ahead unless someone in the
  /// team objects, with a reason, within `TeamDecision.consentDays` days (or everyone has answered sooner).
  case teamConsent = "team-consent"

  public static let standard = TeamSay.personOrArranger

  /// In the person's words, for the form.
  public var label: String {
    switch self {
    case .personOrArranger: "Me, or the person who arranges my care for me"
    case .person: "Me alone"
    case .personAndArranger: "Me and the person who arranges my care, together"
    case .teamConsent: "My team, by consent"
    }
  }

  /// In the third person, for the team's pages.
  public var explanation: String {
    switch self {
    case .personOrArranger: "The person says yes or no, or their arranger does for them."
    case .person: "Only the person says yes or no; an arranger's answer does not count."
    case .personAndArranger:
      "The person and their arranger both say yes; if either says no, it does not happen."
    case .teamConsent:
      "The person (or their arranger) says yes, and it goes ahead unless someone in the team objects with a "
        + "reason within \(TeamDecision.consentDays) days."
    }
  }

  /// Whether the rest of the team answers too (consent, a concern, or an objection).
  public var asksTeam: Bool { self == .teamConsent }
}

/// What a team decision is about.
public enum TeamMatter: String, Sendable, Hashable, Codable, CaseIterable {
  case pattern
  case plan
  /// A new worker (or backup worker) joining the team: decided before the invitation is sent, when the say is
  /// not the standard one.
  case joining

  public var label: String {
    switch self {
    case .pattern: "A change to the visits (the support pattern)"
    case .plan: "A change to the support plan"
    case .joining: "A new worker joining the team"
    }
  }
}

/// An answer to a team decision. The person and their arranger say yes or no; the rest of the team (when
/// the team decides by consent) consents, consents with a concern, or objects with a reason.
public enum TeamChoice: String, Sendable, Hashable, Codable, CaseIterable {
  case yes, no
  case consent, concern, objection

  public var label: String {
    switch self {
    case .yes: "Yes"
    case .no: "No"
    case .consent: "I consent"
    case .concern: "I have a concern, but it can go ahead"
    case .objection: "I object: it should not go ahead as it is"
    }
  }

  /// The answers of the person's side (the person, an arranger).
  public var isYesOrNo: Bool { self == .yes || self == .no }

  /// The answers the rest of the team gives.
  public static let teamChoices: [TeamChoice] = [.consent, .concern, .objection]

  /// An objection must say why.
  public var needsReason: Bool { self == .objection }
}

/// One answer as kept: a later one from the same member replaces it until the decision is made.
public struct TeamAnswer: Sendable, Hashable {
  public let accountID: ID<Account>
  public let choice: TeamChoice
  public let reason: String
  public let at: Date

  public init(accountID: ID<Account>, choice: TeamChoice, reason: String, at: Date) {
    (self.accountID, self.choice, self.reason, self.at) = (accountID, choice, reason, at)
  }

  public static let longestReason = 1_000
}

/// A decision about the person's support being made by their team as the person set it when it was proposed.
public struct TeamDecision: Sendable, Hashable, Identifiable {
  public let id: ID<TeamDecision>
  public let personID: ID<Person>
  public let matter: TeamMatter
  /// The pattern version or plan change decided.
  public let subjectID: UUID
  /// A line saying what is decided ("version 3, from Monday 1 June"; "Communication").
  public let summary: String
  public let say: TeamSay
  public let proposedBy: ID<Account>
  public let proposedAt: Date
  /// When silence counts as consent (a team that decides by consent).
  public let closesAt: Date
  /// Every answer, in order (a member's last one counts).
  public let answers: [TeamAnswer]
  /// Once made: agreed or not, when, and the answer that settled it (nil: settled when the time ran out).
  public let outcome: Outcome?

  public struct Outcome: Sendable, Hashable {
    public let agreed: Bool
    public let at: Date
    public let why: String
    public init(agreed: Bool, at: Date, why: String) { (self.agreed, self.at, self.why) = (agreed, at, why) }
  }

  public init(
    id: ID<TeamDecision>, personID: ID<Person>, matter: TeamMatter, subjectID: UUID, summary: String, say: TeamSay,
    proposedBy: ID<Account>, proposedAt: Date, closesAt: Date, answers: [TeamAnswer], outcome: Outcome?
  ) {
    (self.id, self.personID, self.matter, self.subjectID, self.summary, self.say) = (
      id, personID, matter, subjectID, summary, say
    )
    (self.proposedBy, self.proposedAt, self.closesAt, self.answers, self.outcome) = (
      proposedBy, proposedAt, closesAt, answers, outcome
    )
  }

  /// The days the team has to object, when it decides by consent.
  public static let consentDays = 3

  public static func closes(after proposedAt: Date, say: TeamSay) -> Date {
    say.asksTeam ? proposedAt.addingTimeInterval(TimeInterval(consentDays * 86_400)) : proposedAt
  }

  /// Each member's last answer.
  public var lastAnswers: [CareCore.ID<Account>: TeamAnswer] {
    var last: [CareCore.ID<Account>: TeamAnswer] = [:]
    for answer in answers { last[answer.accountID] = answer }
    return last
  }

  /// Who stands where when the decision is weighed: the person, the arrangers and the rest of the team
  /// (active members), as they are now.
  public struct Parties: Sendable, Hashable {
    public let person: ID<Account>
    public let arrangers: Set<ID<Account>>
    public let others: Set<ID<Account>>

    public init(person: ID<Account>, arrangers: Set<ID<Account>>, others: Set<ID<Account>>) {
      (self.person, self.arrangers, self.others) = (person, arrangers, others)
    }

    public init(_ team: TeamFacts) {
      self.init(
        person: team.personAccountID, arrangers: Set(team.activeMembers.filter { $0.value }.keys),
        others: Set(team.activeMembers.filter { !$0.value }.keys))
    }
  }

  /// Where a decision stands.
  public enum State: Sendable, Hashable {
    /// Still waiting: for whom (in words), and the objections standing.
    case waiting(for: [String], objections: Int)
    case agreed(why: String)
    case declined(why: String)

    public var isSettled: Bool {
      if case .waiting = self { return false }
      return true
    }
  }

  /// Which answers a member may give: the person and arrangers yes or no (an arranger's counts only where
  /// the say lets it); the rest of the team consent, concern or objection, only when the team is asked.
  public static func choices(for account: ID<Account>, in parties: Parties, say: TeamSay) -> [TeamChoice] {
    if account == parties.person { return [.yes, .no] }
    if parties.arrangers.contains(account) {
      return say == .person ? [] : say.asksTeam ? [.yes, .no, .consent, .concern, .objection] : [.yes, .no]
    }
    if parties.others.contains(account) { return say.asksTeam ? TeamChoice.teamChoices : [] }
    return []
  }

  /// The rule, pure: where the decision stands at `now` given the answers so far. Only the last answer of each
  /// member counts. An override's answer (`overriddenBy`) is not weighed here: it settles the decision itself.
  public func state(parties: Parties, now: Date) -> State {
    if let outcome { return outcome.agreed ? .agreed(why: outcome.why) : .declined(why: outcome.why) }
    let last = lastAnswers
    let personSays = last[parties.person]?.choice
    let arrangerAnswers = parties.arrangers.compactMap { last[$0]?.choice }.filter(\.isYesOrNo)
    let arrangerSays: TeamChoice? =
      arrangerAnswers.contains(.no) ? .no : arrangerAnswers.contains(.yes) ? .yes : nil
    // The person's side, as the say counts it.
    let side: TeamChoice?
    var waitingFor: [String] = []
    switch say {
    case .person:
      side = personSays
      if side == nil { waitingFor.append("the person") }
    case .personOrArranger, .teamConsent:
      // The person's own answer counts over their arranger's.
      side = personSays ?? arrangerSays
      if side == nil { waitingFor.append(parties.arrangers.isEmpty ? "the person" : "the person or their arranger") }
    case .personAndArranger:
      if parties.arrangers.isEmpty {
        side = personSays
        if side == nil { waitingFor.append("the person") }
      } else if personSays == .no || arrangerSays == .no {
        side = .no
      } else if personSays == .yes && arrangerSays == .yes {
        side = .yes
      } else {
        side = nil
        if personSays == nil { waitingFor.append("the person") }
        if arrangerSays == nil { waitingFor.append("their arranger") }
      }
    }
    if side == .no {
      let who = say == .personAndArranger && personSays != .no ? "their arranger" : "the person"
      return .declined(why: "\(who.prefix(1).uppercased() + who.dropFirst()) said no")
    }
    guard say.asksTeam else {
      return side == .yes ? .agreed(why: "The person said yes") : .waiting(for: waitingFor, objections: 0)
    }
    // By consent: the rest of the team (and arrangers, as team members) may object until the time runs out.
    let objections = last.filter {
      $0.value.choice == .objection && (parties.others.contains($0.key) || parties.arrangers.contains($0.key))
    }.count
    let silent = parties.others.filter { last[$0] == nil }
    let closed = now >= closesAt
    if objections > 0 && closed {
      return .declined(
        why: objections == 1 ? "An objection stood when the time ran out" : "\(objections) objections stood")
    }
    if side == .yes && objections == 0 && (silent.isEmpty || closed) {
      return .agreed(
        why: silent.isEmpty
          ? "The person said yes and the team consents" : "The person said yes; nobody objected in time")
    }
    if !closed && !silent.isEmpty { waitingFor.append("the team (until the time runs out)") }
    if objections > 0 { waitingFor.append("an objection to be withdrawn") }
    return .waiting(for: waitingFor, objections: objections)
  }
}

/// The team's say as set: the newest version, with who set it and when (nil: never set, the standard).
public struct TeamSaySetting: Sendable, Hashable {
  public let say: TeamSay
  public let setBy: ID<Account>?
  public let setAt: Date?
  public init(say: TeamSay, setBy: ID<Account>?, setAt: Date?) {
    (self.say, self.setBy, self.setAt) = (say, setBy, setAt)
  }
  public static let standard = TeamSaySetting(say: .standard, setBy: nil, setAt: nil)
}
