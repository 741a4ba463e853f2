import CareCore
import Foundation

/// The demo co-op's decision that changed a setting: by consent, closed yesterday, members let visits be up
/// to 15 minutes later to keep a chosen worker (for teams that have not said), in force from today.
extension Cases {
  func seedDemoSettingsDecision(_ demo: DemoCoop) async throws {
    try await passDemoDecision(
      demo, title: "Let visits be a little later to keep a familiar worker",
      text: "Most people would rather wait a quarter of an hour than meet a stranger.",
      changes: [.flexibility: "15"])
  }

  /// The decision that gave the onboarding hat a new accountability: a buddy for each new worker's first month.
  func seedDemoHatDecision(_ demo: DemoCoop) async throws {
    guard let hat = try await definedHats(demo.coop.id).map(\.hat).first(where: { $0.kind == .onboarding }) else {
      return
    }
    try await passDemoDecision(
      demo, title: "A buddy for every new worker",
      text: "New workers told us the first month is the hardest. The onboarding hat pairs each with a buddy.",
      changes: [:],
      redefining: HatRedefinition(
        hatID: hat.id,
        definition: HatDefinition(
          purpose: hat.purpose,
          accountabilities: hat.accountabilities + ["Pair each new worker with a buddy for their first month"])))
  }

  /// A consent decision the administrator put, closed at the end of yesterday and counted, carrying `changes`
  /// (and a hat's new definition) from today.
  func passDemoDecision(
    _ demo: DemoCoop, title: String, text: String, changes: [Setting: String], redefining: HatRedefinition? = nil
  ) async throws {
    let admin = try await requester(for: demo.admin)
    let permit = try AccessPolicy.permit(admin, .propose(coop: admin.coopID))
    let yesterday = today.adding(days: -1)
    let valid = try NewProposal(
      title: title, text: text, kind: ProposalKind.consent.rawValue, share: nil, quorum: 0,
      closesOn: yesterday.iso
    ).changing(Dictionary(uniqueKeysWithValues: changes.map { ($0.key.rawValue, $0.value) }), from: today.iso)
      .redefining(
        redefining?.hatID.description, purpose: redefining?.definition.purpose,
        accountabilities: redefining?.definition.accountabilities ?? []
      )
      .validated(
        today: yesterday.adding(days: -7), members: 0,
        hats: redefining.map { [$0.hatID: "the hat"] } ?? [:])
    // At midnight's end of yesterday, or (in the demo's first minutes of a day) a little before, so it is due.
    let closesAt = min(
      CoopCalendar.london.instant(on: today, atMinute: 0), effects.now().addingTimeInterval(-2 * Self.countGrace))
    _ = try await store.addProposal(
      valid, opensAt: closesAt.addingTimeInterval(-8 * 86_400), closesAt: closesAt,
      countJob: (JobKind.countPolls.rawValue, "{}", effects.now()), permit: permit, env: effects)
    try await countDuePolls()
  }
}

extension Cases {
  /// An open time poll for the autumn members' meeting: three evenings offered; the family member has answered.
  @discardableResult
  public func seedDemoTimePoll(_ demo: DemoCoop) async throws -> Proposal {
    let admin = try await requester(for: demo.admin)
    let closes = today.adding(days: 10)
    let poll = try await addProposal(
      NewProposal(
        title: "When shall we hold the autumn members' meeting?",
        text: "At the community centre, with tea. Say which evenings you could come to.",
        kind: ProposalKind.timePoll.rawValue, share: nil, quorum: 0, closesOn: closes.iso
      ).offering(
        [3, 5, 8].map { NewProposal.TypedTime(day: closes.adding(days: $0).iso, start: "18:30") }, minutes: 90),
      by: admin)
    try await answerTimes(poll.id, answers: ["yes", "no", "if-need-be"], by: try await requester(for: demo.family))
    return poll
  }
}

extension Cases {
  /// A decision put to the demo person's circle alone: its rota keeper proposed swapping rounds by text; the
  /// team's worker consents. Open for ten days.
  @discardableResult
  public func seedDemoCircleDecision(_ demo: DemoCoop) async throws -> Proposal {
    let worker = try await requester(for: demo.teamWorker)
    guard let team = try await store.teamFacts(demo.person.id, coop: demo.coop.id) else { throw CareError.notFound }
    let proposal = try await addProposal(
      NewProposal(
        title: "Swap a round by text, with the rota keeper's yes",
        text: "Two workers may swap a round between them.\nThe rota keeper says yes by text, and the rota changes.",
        kind: ProposalKind.consent.rawValue, share: nil, quorum: 0, closesOn: today.adding(days: 10).iso
      ).forCircle(team.circleID.description), by: worker)
    try await vote(proposal.id, choice: "consent", reason: "Saves a phone call at seven in the morning.", by: worker)
    return proposal
  }
}

extension Cases {
  /// A question to the demo person's team: their family member asks when to meet for the review (a time
  /// poll only the team sees and answers); the person has answered.
  @discardableResult
  public func seedDemoTeamQuestion(_ demo: DemoCoop) async throws -> Proposal {
    let closes = today.adding(days: 5)
    let question = try await addProposal(
      NewProposal(
        title: "When shall we meet for the six-month review?", text: "At home, with tea. An hour or so.",
        kind: ProposalKind.timePoll.rawValue, share: nil, quorum: 0, closesOn: closes.iso
      ).offering(
        [2, 3, 6].map { NewProposal.TypedTime(day: closes.adding(days: $0).iso, start: "10:30") }, minutes: 60
      ).forTeam(demo.person.id.description), by: try await requester(for: demo.family))
    try await answerTimes(
      question.id, answers: ["yes", "no", "if-need-be"], by: try await requester(for: demo.personAccount))
    return question
  }
}
