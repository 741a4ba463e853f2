import CareCore
import CareStore
import CareVotes
import Foundation

/// The co-op's proposals, newest first, and whether the reader may put one.
public struct ProposalsModel: Sendable {
  public let proposals: [Proposal]
  public let now: Date
  public let mayPropose: Bool
  /// Members who can vote today (a quorum is counted against them).
  public let members: Int
  public let names: [ID<Account>: String]
  /// For the proposer: the members who may stand in an election, by name; the hats an election may fill.
  public let mayStand: [Account]
  public var hats: [Hat] = []
  /// The co-op's settings, which a proposal may change.
  public var settings: CoopSettings = .standard
  /// The co-op's circles: a proposal may be put to one.
  public var circles: [Circle] = []
  /// The teams the reader is in (or whose person they are): a question may be put to one.
  public var teams: [(person: ID<Person>, name: String)] = []

  public func circleName(_ id: ID<Circle>?) -> String? { id.flatMap { c in circles.first { $0.id == c }?.name } }

  public func name(_ id: ID<Account>) -> String { names[id] ?? "someone" }
}

/// One proposal: each member's answer as it stands (with their reasons), the reader's own, the count so far
/// (or the result, once closed), and whether the reader may answer.
public struct ProposalModel: Sendable {
  public let proposal: Proposal
  public let status: Proposal.Status
  /// Each member's latest answer (before the close), in the order first given.
  public let answers: [Vote]
  public let mine: Vote?
  public let mayVote: Bool
  /// A hat holder who enters postal and proxy votes, while the poll is open: the members they may enter for.
  public let mayEnterFor: [Account]
  /// While open: how it would be decided were it to close now (not for a secret ballot).
  public var countSoFar: ProposalResult
  public let members: Int
  public var names: [ID<Account>: String]
  /// A secret ballot: who has voted (never how), whether the reader has, and once counted the count's stages.
  public let receipts: [BallotReceipt]
  public let hasVoted: Bool
  public let electionCount: ElectionCount?
  /// A time poll: each member's latest answers (not secret), the reader's own, and how many can come to each
  /// time so far (or at the close).
  public var timeAnswers: [TimeAnswers] = []
  public var myTimes: TimeAnswers? = nil
  public var timeTallies: [TimeTally] = []
  /// The settings' values today (to say what a change would change).
  public var settingsNow: [Setting: Int] = [:]
  /// For a circle's decision: the circle's name.
  public var circleName: String? = nil
  /// For a team's question: the person's name.
  public var teamName: String? = nil
  /// The hat it would give a new definition, as defined today.
  public var hatNow: Hat? = nil

  public func valueNow(_ setting: Setting) -> Int { settingsNow[setting] ?? setting.standard }

  public func name(_ id: ID<Account>?) -> String { id.flatMap { names[$0] } ?? "someone" }
}

/// A closed poll counted again from its answers, beside the result kept when it closed.
public struct Recount: Sendable {
  public let kept: ProposalResult
  public let again: ProposalResult
  /// A secret ballot's ballots, counted again (nil for an open vote).
  public let ballots: [[Int]]?
  public var agrees: Bool { kept.agrees(with: again) }
}

/// Proposals put to the whole co-op: a member (or an administrator) proposes; members answer while the poll
/// is open, and may change their answer until it closes; when it closes a job counts it (once) and tells every
/// member; anyone may have it counted again, which gives the same result.
extension Cases {
  /// How long after the close the count waits, so an answer sent in the last second is in.
  public static let countGrace: TimeInterval = 60

  public func proposals(by requester: Requester) async throws -> ProposalsModel {
    let permit = try AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID))
    // A team's questions are the team's: on its say page, not in the co-op's list.
    let proposals = try await store.proposals(permit: permit).filter { $0.teamPersonID == nil }
    let members = try await store.votingMembers(coop: requester.coopID, on: today)
    let mayPropose = allows(requester, .propose(coop: requester.coopID))
    var model = ProposalsModel(
      proposals: proposals.reversed(), now: effects.now(), mayPropose: mayPropose, members: members.count,
      names: try await store.accountNames(Array(Set(proposals.map(\.createdBy)))),
      mayStand: mayPropose
        ? try await store.accounts(coop: requester.coopID).filter { members.contains($0.id) }
          .sorted { $0.name < $1.name } : [])
    model.circles = try await store.circles(coop: requester.coopID)
    model.teams = try await questionTeams(requester)
    model.hats =
      mayPropose
      ? try await electableHats(requester.coopID)
        + definedHats(requester.coopID).map(\.hat).filter { $0.circleID != nil }.sorted { $0.name < $1.name }
      : []
    model.settings = try await coopSettings(requester.coopID)
    return model
  }

  public func proposal(_ id: ID<Proposal>, by requester: Requester) async throws -> ProposalModel {
    let permit = try AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID))
    guard let proposal = try await store.proposal(id, permit: permit) else { throw CareError.notFound }
    try await checkSees(proposal, requester)
    let votes = try await store.votes(id, permit: permit)
    let answers = Self.standing(votes, closesAt: proposal.closesAt)
    let now = effects.now()
    let members = try await voters(proposal)
    let receipts = proposal.kind.isSecret ? try await store.receipts(id, permit: permit) : []
    var electionCount: ElectionCount? = nil
    if let election = proposal.election, let result = proposal.result, result.outcome == .elected {
      electionCount = Self.electionCount(election, try await store.ballots(id, permit: permit))
    }
    var enterFor: [Account] = []
    if allows(requester, .enterVotes(coop: requester.coopID)) && proposal.status(at: now) == .open
      && proposal.teamPersonID == nil
    {
      enterFor = try await store.accounts(coop: requester.coopID).filter { members.contains($0.id) }
        .sorted { $0.name < $1.name }
    }
    var model = ProposalModel(
      proposal: proposal, status: proposal.status(at: now), answers: answers,
      mine: answers.first { $0.voterID == requester.account.id },
      mayVote: try await mayAnswer(proposal, requester, voters: members, now: now),
      mayEnterFor: enterFor.filter { account in !receipts.contains { $0.voterID == account.id } },
      countSoFar: Self.count(proposal, votes, [], at: now),
      members: members.count,
      names: try await store.accountNames(
        Array(
          Set(
            answers.map(\.voterID) + answers.compactMap(\.enteredBy) + receipts.map(\.voterID)
              + receipts.compactMap(\.enteredBy) + [proposal.createdBy]))),
      receipts: receipts, hasVoted: receipts.contains { $0.voterID == requester.account.id },
      electionCount: electionCount)
    if proposal.kind == .timePoll {
      let sets = try await store.timeAnswers(id, permit: permit)
      model.timeAnswers = Self.standingTimes(sets, closesAt: proposal.closesAt)
      model.myTimes = model.timeAnswers.first { $0.voterID == requester.account.id }
      model.timeTallies = Self.timeTallies(proposal, sets)
      model.countSoFar = Self.count(proposal, votes, [], times: sets, at: now)
      model.names.merge(
        try await store.accountNames(model.timeAnswers.map(\.voterID) + model.timeAnswers.compactMap(\.enteredBy)),
        uniquingKeysWith: { a, _ in a })
    }
    if let circle = proposal.circleID {
      model.circleName = try await store.circles(coop: requester.coopID).first { $0.id == circle }?.name
    }
    if let person = proposal.teamPersonID, let facts = try await store.teamFacts(person, coop: requester.coopID) {
      model.teamName = try await store.accountNames([facts.personAccountID])[facts.personAccountID]
    }
    model.hatNow = try await hatBeingRedefined(proposal)
    if !proposal.changes.isEmpty {
      let settings = try await coopSettings(requester.coopID)
      let day = today
      model.settingsNow = Dictionary(uniqueKeysWithValues: Setting.allCases.map { ($0, settings.value($0, on: day)) })
      if let id = proposal.circleID,
        let circle = try await store.circles(coop: requester.coopID).first(where: { $0.id == id })
      {
        let guide = try await circleGuide(circle)
        (model.settingsNow[.circleWorkers], model.settingsNow[.circleTeams]) = (guide.maxWorkers, guide.maxTeams)
      }
    }
    return model
  }

  /// Whether the requester may propose (to the co-op, or a question to a team they are in): asked before a
  /// body is read.
  public func checkMayPropose(by requester: Requester) async throws {
    if allows(requester, .propose(coop: requester.coopID)) { return }
    guard try await questionTeams(requester).isEmpty else { return }
    _ = try AccessPolicy.permit(requester, .propose(coop: requester.coopID))
  }

  /// Whether the requester may answer polls: asked before a body is read.
  public func checkMayVote(by requester: Requester) throws {
    _ = try AccessPolicy.permit(requester, .vote(coop: requester.coopID))
  }

  /// Puts a proposal to the co-op: open from now until the end of its last day (London time).
  @discardableResult
  public func addProposal(_ new: NewProposal, by requester: Requester) async throws -> Proposal {
    if let person = new.teamID, new.circleID == nil { return try await askTeam(new, person: person, by: requester) }
    let permit = try AccessPolicy.permit(requester, .propose(coop: requester.coopID))
    let circles = try await store.circles(coop: requester.coopID)
    let circle = new.circleID.flatMap { c in circles.first { $0.id == c } }
    var members = try await store.votingMembers(coop: requester.coopID, on: today)
    var hats = try await electableHats(requester.coopID)
    if let circle {
      members = try await store.circleVoters(circle.id, coop: requester.coopID, on: today)
      hats = try await definedHats(requester.coopID).map(\.hat).filter { $0.circleID == circle.id }
    }
    let valid = try new.validated(
      today: today, members: members.count, candidatesFrom: try await store.accountNames(members),
      hats: Dictionary(uniqueKeysWithValues: hats.map { ($0.id, $0.name) }),
      circles: Dictionary(uniqueKeysWithValues: circles.map { ($0.id, $0.name) }))
    let closesAt = CoopCalendar.london.instant(on: valid.closesOn.adding(days: 1), atMinute: 0)
    return try await store.addProposal(
      valid, opensAt: effects.now(), closesAt: closesAt,
      countJob: (JobKind.countPolls.rawValue, "{}", closesAt.addingTimeInterval(Self.countGrace)),
      lot: valid.candidates.map(\.number).shuffled(), permit: permit, env: effects)
  }

  /// A member's answer (a new one replaces their last until the poll closes). An objection needs a reason.
  @discardableResult
  public func vote(_ id: ID<Proposal>, choice: String?, reason: String?, by requester: Requester) async throws -> Vote {
    let (permit, _) = try await answerPermit(id, requester)
    var v = Validator()
    let chosen = choice.flatMap(VoteChoice.init(rawValue:))
    if chosen == nil { v.add("choice", "Choose your answer") }
    let words = v.text(
      reason, field: "reason", label: "your reason", required: chosen?.needsReason ?? false, max: Vote.longestReason,
      multiline: true)
    try v.check()
    return try await store.castVote(id, chosen!, reason: words, permit: permit, env: effects)
  }

  /// Whether the requester may enter postal and proxy votes: asked before a body is read.
  public func checkMayEnterVotes(by requester: Requester) throws {
    _ = try AccessPolicy.permit(requester, .enterVotes(coop: requester.coopID))
  }

  /// A member's postal or proxy vote, entered for them by a hat holder (recorded as such, with who entered it).
  @discardableResult
  public func enterVote(
    _ id: ID<Proposal>, member: String?, choice: String?, reason: String?, way: String?, by requester: Requester
  ) async throws -> Vote {
    let permit = try AccessPolicy.permit(requester, .enterVotes(coop: requester.coopID))
    var v = Validator()
    let chosen = choice.flatMap(VoteChoice.init(rawValue:))
    if chosen == nil { v.add("choice", "Choose the member's answer") }
    let how = way.flatMap(VoteWay.init(rawValue:)).flatMap { $0 == .online ? nil : $0 }
    if how == nil { v.add("way", "Choose a postal vote or a proxy vote") }
    let words = v.text(
      reason, field: "reason", label: "the member's reason", required: chosen?.needsReason ?? false,
      max: Vote.longestReason, multiline: true)
    let voter = member.flatMap { ID<Account>(string: $0) }
    if voter == nil { v.add("member", "Choose a member who can vote") }
    // A form that is wrong in itself is refused before anything is looked up.
    try v.check()
    let reading = try AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID))
    guard let proposal = try await store.proposal(id, permit: reading) else { throw CareError.notFound }
    try await refuseEnteringForTeam(proposal, requester)
    guard try await voters(proposal).contains(voter!) else {
      throw CareError.invalid("member", "Choose a member who can vote")
    }
    return try await store.castVote(id, chosen!, reason: words, for: voter!, way: how!, permit: permit, env: effects)
  }

  /// The counting job: every poll closed (a minute ago or more) without a result is counted, its result kept
  /// once and every member told. Returns how many were counted.
  @discardableResult
  public func countDuePolls() async throws -> Int {
    let now = effects.now()
    var counted = 0
    for poll in try await store.pollsToCount(closedBefore: now.addingTimeInterval(-Self.countGrace)) {
      let proposal = poll.proposal
      let result = Self.count(proposal, poll.votes, poll.ballots, times: poll.times, at: now)
      var handover: (hat: ID<Hat>, to: Handover.Valid)? = nil
      var words = ""
      if let hat = proposal.election?.hat, result.outcome == .elected, let first = result.elected.first,
        let winner = proposal.election?.candidate(first)
      {
        let start = CoopCalendar.london.day(of: proposal.closesAt)
        handover = (hat.hatID, Handover.Valid(to: winner.accountID, termStart: start, termEnd: hat.termEnd))
        words = " \(winner.name) wears the hat “\(hat.name)” from \(start.longText) to \(hat.termEnd.longText)."
      }
      if let time = proposal.times.first(where: { $0.number == result.chosenTime }) {
        words = " The meeting: \(time.text)."
      }
      if result.outcome == .passed, let from = proposal.takesEffect, !proposal.changes.isEmpty {
        words =
          " From \(max(from, today).longText): "
          + proposal.changes.map { "\($0.setting.label.lowercased()), \($0.setting.text($0.value))" }
          .joined(separator: "; ") + "."
      }
      words += try await redefinitionWords(proposal, result)
      let messages = try await voters(proposal).map { member in
        NewMessage(
          to: member, subject: "The result of “\(proposal.title)”: \(result.outcome.label.lowercased())",
          body: "\(result.turnout) member\(result.turnout == 1 ? "" : "s") took part."
            + words + (proposal.kind.isSecret ? " See the count." : " See how each answered, and why."),
          link: links.proposalPath(proposal.id))
      }
      if try await store.keepResult(
        proposal.id, result, messages: messages, coop: proposal.coopID, mailJob: Self.mailJob, handover: handover,
        env: effects)
      {
        counted += 1
      }
    }
    return counted
  }

  /// Counts a closed poll again from its answers, for anyone who may read it: it must agree with the result
  /// kept when it closed.
  public func recount(_ id: ID<Proposal>, by requester: Requester) async throws -> Recount {
    let permit = try AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID))
    guard let proposal = try await store.proposal(id, permit: permit) else { throw CareError.notFound }
    try await checkSees(proposal, requester)
    guard let kept = proposal.result else {
      throw CareError.conflict(FieldError("recount", "The poll has not been counted yet"))
    }
    let votes = try await store.votes(id, permit: permit)
    let ballots = proposal.kind.isSecret ? try await store.ballots(id, permit: permit) : []
    let times = proposal.kind == .timePoll ? try await store.timeAnswers(id, permit: permit) : []
    return Recount(
      kept: kept, again: Self.count(proposal, votes, ballots, times: times, at: kept.countedAt),
      ballots: proposal.kind.isSecret ? ballots : nil)
  }

  /// The co-op's own hats (not a circle's), which an election may fill.
  func electableHats(_ coop: ID<Coop>) async throws -> [Hat] {
    try await definedHats(coop).map(\.hat).filter { $0.circleID == nil }.sorted { $0.name < $1.name }
  }

  /// Each member's latest answer given before the close, in the order they first answered.
  static func standing(_ votes: [Vote], closesAt: Date) -> [Vote] {
    var latest: [ID<Account>: Vote] = [:]
    var order: [ID<Account>] = []
    for vote in votes where vote.at < closesAt {
      if latest[vote.voterID] == nil { order.append(vote.voterID) }
      latest[vote.voterID] = vote
    }
    return order.map { latest[$0]! }
  }

  /// The count, by the rules of the proposal's kind (`CareVotes`), of each member's standing answer.
  static func count(
    _ proposal: Proposal, _ votes: [Vote], _ ballots: [[Int]], times: [TimeAnswers] = [], at: Date
  ) -> ProposalResult {
    if let election = proposal.election {
      return countElection(election, ballots, quorum: proposal.quorum, at: at)
    }
    if proposal.kind == .timePoll { return countTimePoll(proposal, times, at: at) }
    let answers = standing(votes, closesAt: proposal.closesAt).map(\.choice)
    let tally = Dictionary(grouping: answers, by: { $0 }).mapValues(\.count)
    let outcome: ProposalResult.Outcome
    switch proposal.kind {
    case .majority:
      let threshold: Majority.Threshold =
        switch proposal.share {
        case .simple: .simple
        case .twoThirds: .twoThirds
        case .threeQuarters: .threeQuarters
        }
      let result = Majority.count(
        votesFor: tally[.for] ?? 0, against: tally[.against] ?? 0, abstain: tally[.abstain] ?? 0,
        quorum: proposal.quorum, threshold: threshold)
      outcome =
        switch result.outcome {
        case .passed: .passed
        case .failed: .failed
        case .inquorate: .inquorate
        }
    case .consent:
      let result = Consent.count(
        answers.compactMap { choice -> Consent.Answer? in
          switch choice {
          case .consent: .consent
          case .concern: .concern
          case .objection: .objection
          default: nil
          }
        }, quorum: proposal.quorum)
      outcome =
        switch result.outcome {
        case .passed: .passed
        case .blocked: .blocked
        case .inquorate: .inquorate
        }
    case .election, .timePoll:
      outcome = .inquorate  // counted above; an election without its candidates cannot be counted
    }
    return ProposalResult(outcome: outcome, tally: tally, turnout: answers.count, countedAt: at)
  }
}
