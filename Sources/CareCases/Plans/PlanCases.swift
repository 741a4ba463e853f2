import CareCore
import CareStore
import Foundation

/// A person's support plan: each section as agreed, the changes waiting for their answer, the history, and
/// what the viewer may do.
public struct PlanModel: Sendable {
  public let team: Team
  public let plan: SupportPlan
  /// Anyone in the team (and the registered manager): propose a change.
  public let mayPropose: Bool
  /// The person, or their arranger: answer changes; their own changes count at once.
  public let mayAnswer: Bool
  public let names: [ID<Account>: String]
  /// The next review's date and those held.
  public let reviews: PlanReviews
  /// The person's goals, oldest first (steps, progress).
  public let goals: [PlanGoal]
  /// When the page was made: goals' charts run to here.
  public let now: Date
  /// How the team decides, and where each change waiting stands (by its id).
  public var say = TeamSay.standard
  public var decisions: [UUID: TeamDecision.State] = [:]

  public var personName: String { team.personAccount.name }
  public func name(_ id: ID<Account>?) -> String { id.flatMap { names[$0] } ?? "someone" }
}

/// Support plans, written with the person: anyone in the team proposes, the person (or their arranger)
/// agrees, agrees in their own words, or says no; every version is kept; a change written against words that
/// have since changed is refused, never written over.
extension Cases {
  public func supportPlan(_ personID: ID<Person>, by requester: Requester) async throws -> PlanModel {
    let (team, permit) = try await team(personID, for: requester) { .viewPlan($0) }
    let plan = try await store.supportPlan(permit: permit)
    try await store.logPlanLook(permit: permit, detail: "the plan", env: effects)
    return try await model(team, plan, requester)
  }

  /// The plan to print (on paper, or as a PDF): the sections the person chose (all of them when none were
  /// chosen); the print is in the person's who-looked log with the sections it had.
  public func planToPrint(_ personID: ID<Person>, sections: [PlanSection], by requester: Requester) async throws
    -> PlanModel
  {
    let (team, permit) = try await team(personID, for: requester) { .viewPlan($0) }
    let plan = try await store.supportPlan(permit: permit)
    let chosen = sections.isEmpty ? PlanSection.allCases : PlanSection.allCases.filter(sections.contains)
    try await store.logPlanLook(
      permit: permit, detail: "printed: " + chosen.map(\.title).joined(separator: "; "), env: effects)
    return try await model(team, plan, requester)
  }

  /// Whether the requester may propose a change to the person's plan: asked before a body is read.
  public func checkMayProposePlanChange(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .proposePlanChange($0) }
  }

  /// Whether the requester may answer changes to the person's plan: asked before a body is read.
  public func checkMayAnswerPlanChange(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .answerPlanChange($0) }
  }

  /// Proposes new words for a section, starting from the version the proposer saw (`basedOn`).
  @discardableResult
  public func proposePlanChange(
    _ personID: ID<Person>, section: String?, basedOn: Int?, text: String?, note: String?, by requester: Requester
  ) async throws -> PlanChange {
    let (team, permit) = try await team(personID, for: requester) { .proposePlanChange($0) }
    let proposal = try PlanProposal.validated(section: section, basedOn: basedOn, text: text, note: note)
    let change = try await store.proposePlanChange(proposal, permit: permit, env: effects)
    try await askTeam(
      about: personID, team: team, what: "A change to the plan (\(proposal.section.title))", by: requester,
      permit: permit)
    return change
  }

  /// Answers a change: "accept", "change" (with the person's own words) or "decline".
  @discardableResult
  public func answerPlanChange(
    _ personID: ID<Person>, change: ID<PlanChange>, answer: String?, text: String?, by requester: Requester
  ) async throws -> PlanChange {
    let (team, permit) = try await team(personID, for: requester) { .answerPlanChange($0) }
    let choice: PlanAnswer
    switch answer {
    case "accept": choice = .accept
    case "decline": choice = .decline
    case "change":
      var v = Validator()
      let words = v.text(
        text, field: "text", label: "the words you agree to", max: PlanSection.maxLength, multiline: true)
      try v.check()
      choice = .change(words)
    default:
      throw CareError.invalid("answer", "Choose yes, yes with your own words, or no")
    }
    let answered = try await store.answerPlanChange(change, choice, permit: permit, env: effects)
    try await tellIfDecided(change.rawValue, .plan, team: team, permit: permit, by: requester)
    return answered
  }

  private func model(_ team: Team, _ plan: SupportPlan, _ requester: Requester) async throws -> PlanModel {
    let facts = TeamFacts(team)
    let viewing = try AccessPolicy.permit(requester, .viewPlan(facts))
    let reviews = try await store.planReviews(permit: viewing)
    let goals = try await store.goals(permit: viewing)
    let ids = Set(
      plan.history.flatMap { [$0.proposedBy] + [$0.answeredBy].compactMap { $0 } } + reviews.entries.map(\.by)
        + goals.flatMap { $0.entries.map(\.by) })
    var names = try await store.accountNames(Array(ids))
    names[team.personAccount.id] = team.personAccount.name
    var model = PlanModel(
      team: team, plan: plan, mayPropose: allows(requester, .proposePlanChange(facts)),
      mayAnswer: allows(requester, .answerPlanChange(facts)), names: names, reviews: reviews, goals: goals,
      now: effects.now())
    (model.say, model.decisions) = try await waitingDecisions(permit: viewing, team: team)
    return model
  }

  // MARK: - Reviews

  /// Sets the date of the next review (anyone who may propose a change to the plan).
  @discardableResult
  public func setPlanReview(_ personID: ID<Person>, due: String?, by requester: Requester) async throws -> PlanReview {
    let (_, permit) = try await team(personID, for: requester) { .proposePlanChange($0) }
    let day = try PlanReviewInput.due(due, today: today)
    return try await store.addPlanReview(.due, day: day, notes: "", nextDue: nil, permit: permit, env: effects)
  }

  /// Records a review held: the day, what was agreed, and (if known) the next review's date.
  @discardableResult
  public func recordPlanReview(
    _ personID: ID<Person>, held: String?, notes: String?, nextDue: String?, by requester: Requester
  ) async throws -> PlanReview {
    let (_, permit) = try await team(personID, for: requester) { .proposePlanChange($0) }
    let input = try PlanReviewInput.held(held, notes: notes, nextDue: nextDue, today: today)
    return try await store.addPlanReview(
      .held, day: input.day, notes: input.notes, nextDue: input.nextDue, permit: permit, env: effects)
  }

  /// The scheduled job: for every person whose next review is within `PlanReview.reminderDays` (or overdue),
  /// a message to them and everyone in their team, once per date. Returns how many people were reminded.
  @discardableResult
  public func sendReviewReminders() async throws -> Int {
    var sent = 0
    for due in try await store.reviewsDue(through: today.adding(days: PlanReview.reminderDays)) {
      let team = due.team
      let name = team.personAccount.name
      let when = due.due < today ? "was due on \(due.due.longText)" : "is on \(due.due.longText)"
      let link = links.planPath(team.person.id)
      var messages = [
        NewMessage(
          to: team.personAccount.id, subject: "Your support plan's review \(when)",
          body: "Read your plan before then, and think about what you would like to talk about.", link: link)
      ]
      for entry in team.active {
        messages.append(
          NewMessage(
            to: entry.account.id, subject: "\(name)'s support plan review \(when)",
            body: "Read \(name)'s plan before then, and think about what you would like to talk about.", link: link))
      }
      if try await store.remindOfReview(
        person: team.person.id, due: due.due, messages: messages, coop: team.person.coopID, mailJob: Self.mailJob,
        env: effects)
      {
        sent += 1
      }
    }
    return sent
  }
}
