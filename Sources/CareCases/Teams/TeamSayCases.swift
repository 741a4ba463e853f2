import CareCore
import CareStore
import Foundation

/// How the person's team decides, as the say page shows it: the say in force and its history, the decisions
/// waiting (where each stands, the answers and reasons) and the last ones made, with what the viewer may do.
public struct TeamSayModel: Sendable {
  public let team: Team
  public let setting: TeamSaySetting
  /// Every version set, newest first.
  public let history: [TeamSaySetting]
  /// Waiting first, then the last made.
  public let decisions: [TeamDecision]
  public let parties: TeamDecision.Parties
  /// The person (or an arranger, unless the person chose to decide alone) may change the say.
  public let mayChange: Bool
  /// The viewer's own account: the answers they may give to each decision.
  public let viewer: ID<Account>
  public let mayAnswer: Bool
  public let now: Date
  /// Questions put to the team (polls it answers), newest first.
  public var questions: [Proposal] = []

  public var personName: String { team.personAccount.name }

  public func name(_ id: ID<Account>?) -> String {
    guard let id else { return "the closing time" }
    if id == team.personAccount.id { return team.personAccount.name }
    return team.entries.first { $0.account.id == id }?.account.name ?? "someone no longer in the team"
  }

  public func state(_ decision: TeamDecision) -> TeamDecision.State { decision.state(parties: parties, now: now) }

  /// The answers the viewer may give to a decision still waiting.
  public func choices(_ decision: TeamDecision) -> [TeamChoice] {
    guard mayAnswer, decision.outcome == nil else { return [] }
    return TeamDecision.choices(for: viewer, in: parties, say: decision.say)
  }
}

extension Cases {
  /// The say page: for anyone who may see the team (the registered manager, the safeguarding lead see how
  /// the team decides); answers only from the person and their team.
  public func teamSay(_ personID: ID<Person>, by requester: Requester) async throws -> TeamSayModel {
    let (team, permit) = try await team(personID, for: requester) { .viewTeam($0) }
    let facts = TeamFacts(team)
    let setting = try await store.teamSay(permit: permit)
    let history = try await store.teamSayHistory(permit: permit)
    let decisions = try await store.teamDecisions(permit: permit)
    let mayChange =
      allows(requester, .setTeamSay(facts))
      && (setting.say != .person || requester.account.id == team.personAccount.id)
    var model = TeamSayModel(
      team: team, setting: setting, history: history, decisions: decisions, parties: TeamDecision.Parties(facts),
      mayChange: mayChange, viewer: requester.account.id, mayAnswer: allows(requester, .weighIn(facts)),
      now: effects.now())
    if let reading = try? AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID)) {
      model.questions = try await store.proposals(permit: reading).filter { $0.teamPersonID == personID }.reversed()
    }
    return model
  }

  /// One decision's page: the say page's model holding that decision alone (404 when it is not the person's).
  public func teamDecision(_ id: ID<TeamDecision>, person personID: ID<Person>, by requester: Requester)
    async throws -> TeamSayModel
  {
    let (team, permit) = try await team(personID, for: requester) { .viewTeam($0) }
    guard let decision = try await store.teamDecision(id, permit: permit) else { throw CareError.notFound }
    let facts = TeamFacts(team)
    return TeamSayModel(
      team: team, setting: try await store.teamSay(permit: permit), history: [], decisions: [decision],
      parties: TeamDecision.Parties(facts), mayChange: false, viewer: requester.account.id,
      mayAnswer: allows(requester, .weighIn(facts)), now: effects.now())
  }

  /// Whether the requester may change the say: asked before a body is read.
  public func checkMaySetTeamSay(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .setTeamSay($0) }
  }

  /// Sets how the team decides from now on (decisions already open keep the say they were opened with). The
  /// team is told.
  @discardableResult
  public func setTeamSay(_ say: String?, person personID: ID<Person>, by requester: Requester) async throws
    -> TeamSaySetting
  {
    let (team, permit) = try await team(personID, for: requester) { .setTeamSay($0) }
    guard let chosen = say.flatMap(TeamSay.init(rawValue:)) else {
      throw CareError.invalid("say", "Choose how your team decides")
    }
    let setting = try await store.setTeamSay(chosen, permit: permit, env: effects)
    let name = team.personAccount.name
    let everyone = [team.personAccount.id] + team.active.map(\.account.id)
    try await tell(
      everyone.filter { $0 != requester.account.id }.map { to in
        NewMessage(
          to: to, subject: "How \(name)’s team decides has changed",
          body: "From now on: \(chosen.explanation) Changes already waiting are decided as they were.",
          link: links.teamSayPath(personID))
      })
    return setting
  }

  /// Whether the requester may answer the team's decisions: asked before a body is read.
  public func checkMayWeighIn(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .weighIn($0) }
  }

  /// Answers a decision: yes or no (the person, an arranger), consent, a concern or an objection with a reason
  /// (the team, when it decides by consent). When that settles it, the proposer and the person are told.
  @discardableResult
  public func answerTeamDecision(
    _ id: ID<TeamDecision>, choice: String?, reason: String?, person personID: ID<Person>, by requester: Requester
  ) async throws -> TeamDecision {
    let (team, permit) = try await team(personID, for: requester) { .weighIn($0) }
    var v = Validator()
    let chosen = choice.flatMap(TeamChoice.init(rawValue:))
    if chosen == nil { v.add("choice", "Choose your answer") }
    let words = v.text(
      reason, field: "reason", label: "why", required: chosen?.needsReason ?? false, max: TeamAnswer.longestReason,
      multiline: true)
    try v.check()
    let decision = try await store.answerTeamDecision(id, chosen!, reason: words, permit: permit, env: effects)
    if let outcome = decision.outcome { try await tellOutcome(decision, outcome, team: team, except: requester) }
    return decision
  }

  /// After an answer on the pattern or plan page: when it made the decision (it was waiting, or the answer
  /// would have been refused), the proposer, the person and their arrangers are told.
  func tellIfDecided(
    _ subject: UUID, _ matter: TeamMatter, team: Team, permit: Permit, by requester: Requester
  ) async throws {
    guard let decision = try await store.teamDecision(about: subject, matter, permit: permit),
      let outcome = decision.outcome
    else { return }
    try await tellOutcome(decision, outcome, team: team, except: requester)
  }

  /// Tells the team a decision waits for their consent (when the team decides by consent).
  func askTeam(about personID: ID<Person>, team: Team, what: String, by requester: Requester, permit: Permit)
    async throws
  {
    let say = try await store.teamSay(permit: permit).say
    guard say.asksTeam else { return }
    let until = effects.now().addingTimeInterval(TimeInterval(TeamDecision.consentDays * 86_400))
    let name = team.personAccount.name
    try await tell(
      team.active.map(\.account.id).filter { $0 != requester.account.id }.map { to in
        NewMessage(
          to: to, subject: "\(name)’s team decides by consent: \(what)",
          body: "\(requester.account.name) proposed it. It goes ahead once \(name) says yes, "
            + "unless someone in the team objects with a reason before "
            + "\(CoopCalendar.london.day(of: until).longText).",
          link: links.teamSayPath(personID))
      })
  }

  /// Where each decision still waiting stands, by the pattern version or plan change it decides: for the
  /// pattern and plan pages.
  func waitingDecisions(permit: Permit, team: Team) async throws -> (TeamSay, [UUID: TeamDecision.State]) {
    let say = try await store.teamSay(permit: permit).say
    let parties = TeamDecision.Parties(TeamFacts(team))
    let now = effects.now()
    var states: [UUID: TeamDecision.State] = [:]
    for decision in try await store.teamDecisions(permit: permit, limit: 0) where decision.outcome == nil {
      states[decision.subjectID] = decision.state(parties: parties, now: now)
    }
    return (say, states)
  }

  func tellOutcome(
    _ decision: TeamDecision, _ outcome: TeamDecision.Outcome, team: Team, except requester: Requester? = nil
  ) async throws {
    // A worker the team agreed to: the invitation goes now (the mail as any invitation's).
    if decision.matter == .joining, outcome.agreed,
      let invitee = try await store.joiningInvitation(decision.subjectID)
    {
      try await store.enqueue(
        JobKind.invitationMail.rawValue,
        payload: try Self.payload(
          InvitationMail(
            accountID: invitee.account.rawValue, personID: invitee.person.rawValue, isNewAccount: invitee.isNew)),
        env: effects)
    }
    let name = team.personAccount.name
    var to = Set(
      [decision.proposedBy, team.personAccount.id] + team.active.filter(\.membership.isArranger).map(\.account.id))
    if let requester { to.remove(requester.account.id) }
    try await tell(
      to.sorted { $0.description < $1.description }.map { account in
        NewMessage(
          to: account,
          subject: "\(decision.summary) for \(name): \(outcome.agreed ? "agreed" : "not agreed")",
          body: outcome.why + ".", link: links.teamSayPath(decision.personID))
      })
  }

  /// The settling job: each decision by consent whose time ran out is weighed; those it settles are kept
  /// (and the subject acted on) and the proposer and person told. Returns how many were settled.
  @discardableResult
  public func settleTeamDecisions() async throws -> Int {
    var settled = 0
    for id in try await store.teamDecisionsClosed(before: effects.now()) {
      // One that cannot be settled (answered elsewhere at the same moment) does not hold up the rest.
      guard let (decision, team) = try? await store.settleClosedTeamDecision(id, env: effects),
        let outcome = decision.outcome
      else { continue }
      try await tellOutcome(decision, outcome, team: team)
      settled += 1
    }
    return settled
  }
}
