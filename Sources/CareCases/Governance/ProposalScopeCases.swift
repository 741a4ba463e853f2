import CareCore
import CareStore
import Foundation

/// Who answers a proposal, by where it is put: the whole co-op, one circle, or one person's team.
///
/// Questions put to one person's team: a proposal (by consent, a majority vote or a time poll — a review
/// meeting's time, say) that the person or anyone active in their team puts, and that they alone answer,
/// one each. Only those who may see the team see it; it is not in the co-op's list; a hat holder does not
/// enter answers for it (the team answers for itself); its result is told to the team.
extension Cases {
  /// Who answers a proposal today: every voting member, or for a circle's decision the circle's workers and
  /// the people it supports among them. Counted for its quorum, told its result.
  func voters(_ proposal: Proposal) async throws -> [ID<Account>] {
    if let person = proposal.teamPersonID {
      guard let facts = try await store.teamFacts(person, coop: proposal.coopID) else { return [] }
      return Self.teamVoters(facts)
    }
    if let circle = proposal.circleID {
      return try await store.circleVoters(circle, coop: proposal.coopID, on: today)
    }
    return try await store.votingMembers(coop: proposal.coopID, on: today)
  }

  /// A circle's size guide today, as its own decisions set it (or as it started).
  func circleGuide(_ circle: Circle) async throws -> SizeGuide {
    let own = try await store.circleSettings(circle.id)
    return SizeGuide(
      maxWorkers: own.entry(.circleWorkers, on: today)?.value ?? circle.sizeGuide.maxWorkers,
      maxTeams: own.entry(.circleTeams, on: today)?.value ?? circle.sizeGuide.maxTeams)
  }

  /// A circle's decision is answered by those in the circle only.
  func checkAnswers(_ proposal: Proposal, _ requester: Requester) async throws {
    guard proposal.circleID != nil else { return }
    guard try await voters(proposal).contains(requester.account.id) else { throw CareError.forbidden }
  }

  /// The teams the requester may ask: their own, and those they are active in.
  public func questionTeams(_ requester: Requester) async throws -> [(person: ID<Person>, name: String)] {
    try await store.teams(for: requester.account.id).filter { $0.status == nil || $0.status == .active }
      .map { ($0.personID, $0.personName) }
  }

  /// The person and everyone active in their team.
  static func teamVoters(_ team: TeamFacts) -> [ID<Account>] {
    [team.personAccountID] + team.activeMembers.keys.sorted { $0.description < $1.description }
  }

  /// A team's question is seen only by those who may see the team (404 for anyone else, as if it did not
  /// exist).
  func checkSees(_ proposal: Proposal, _ requester: Requester) async throws {
    guard let person = proposal.teamPersonID else { return }
    guard let facts = try await store.teamFacts(person, coop: requester.coopID), allows(requester, .viewTeam(facts))
    else { throw CareError.notFound }
  }

  /// Whether the requester may answer now: a team's question, the person and their active team; a circle's
  /// decision, its members; the co-op's, every member.
  func mayAnswer(_ proposal: Proposal, _ requester: Requester, voters: [ID<Account>], now: Date) async throws -> Bool {
    guard proposal.status(at: now) == .open else { return false }
    if let person = proposal.teamPersonID {
      guard let facts = try await store.teamFacts(person, coop: requester.coopID) else { return false }
      return allows(requester, .weighIn(facts)) && voters.contains(requester.account.id)
    }
    return allows(requester, .vote(coop: requester.coopID))
      && (proposal.circleID == nil || voters.contains(requester.account.id))
  }

  /// The permit to answer a poll, and the poll: for a team's question, `weighIn` on that team; otherwise the
  /// co-op's `vote` (for a circle's decision, from one of the circle's). Someone who may not vote in the co-op
  /// at all is refused (403) before any poll is looked up, as before team questions.
  func answerPermit(_ id: ID<Proposal>, _ requester: Requester) async throws -> (Permit, Proposal) {
    let coopPermit = Result { try AccessPolicy.permit(requester, .vote(coop: requester.coopID)) }
    let reading = try AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID))
    let found = try await store.proposal(id, permit: reading)
    if let proposal = found, let person = proposal.teamPersonID {
      guard let facts = try await store.teamFacts(person, coop: requester.coopID), allows(requester, .viewTeam(facts))
      else { throw CareError.notFound }
      return (try AccessPolicy.permit(requester, .weighIn(facts)), proposal)
    }
    let permit = try coopPermit.get()
    guard let proposal = found else { throw CareError.notFound }
    try await checkAnswers(proposal, requester)
    return (permit, proposal)
  }

  /// A hat holder does not enter postal or proxy answers to a team's question: the team answers for itself.
  func refuseEnteringForTeam(_ proposal: Proposal, _ requester: Requester) async throws {
    guard proposal.teamPersonID != nil else { return }
    try await checkSees(proposal, requester)
    throw CareError.conflict(FieldError("memberID", "A team's question is answered by the team's members themselves"))
  }

  /// Puts a question to the person's team (the person, or anyone active in it).
  func askTeam(_ new: NewProposal, person: ID<Person>, by requester: Requester) async throws -> Proposal {
    guard let facts = try await store.teamFacts(person, coop: requester.coopID) else {
      throw CareError.invalid("team", "Choose a team you are in")
    }
    let permit = try AccessPolicy.permit(requester, .weighIn(facts))
    let valid = try new.validated(today: today, members: Self.teamVoters(facts).count)
    let closesAt = CoopCalendar.london.instant(on: valid.closesOn.adding(days: 1), atMinute: 0)
    return try await store.addProposal(
      valid, opensAt: effects.now(), closesAt: closesAt,
      countJob: (JobKind.countPolls.rawValue, "{}", closesAt.addingTimeInterval(Self.countGrace)), permit: permit,
      env: effects)
  }
}
