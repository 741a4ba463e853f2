import CareCore
import CareStore
import Foundation

/// One goal's page: its steps, how it went over time, and what the viewer may do.
public struct GoalModel: Sendable {
  public let team: Team
  public let goal: PlanGoal
  /// Anyone in the team: note progress, tick a step.
  public let mayNote: Bool
  /// The person, or their arranger: add steps, mark the goal achieved or set aside.
  public let mayShape: Bool
  public let names: [ID<Account>: String]
  /// When the page was made: the chart runs to here.
  public let now: Date

  public var personName: String { team.personAccount.name }
  public func name(_ id: ID<Account>?) -> String { id.flatMap { names[$0] } ?? "someone" }
}

/// Goals for living life well: the person (or their arranger) sets a goal and its small steps; anyone in the
/// team notes progress and ticks steps off; the person says when it is reached or set aside.
extension Cases {
  public func goal(_ personID: ID<Person>, goal id: ID<PlanGoal>, by requester: Requester) async throws -> GoalModel {
    let (team, permit) = try await team(personID, for: requester) { .viewPlan($0) }
    let goal = try await store.goal(id, permit: permit)
    try await store.logPlanLook(permit: permit, detail: "the goal “\(goal.title)”", env: effects)
    return try await goalModel(team, goal, requester)
  }

  /// Whether the requester may set goals and steps (the person, or their arranger): asked before a body is read.
  public func checkMayShapeGoals(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .answerPlanChange($0) }
  }

  /// Whether the requester may note progress (anyone in the team): asked before a body is read.
  public func checkMayNoteGoalProgress(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .proposePlanChange($0) }
  }

  @discardableResult
  public func addGoal(_ personID: ID<Person>, title: String?, steps: [String], by requester: Requester) async throws
    -> PlanGoal
  {
    let (_, permit) = try await team(personID, for: requester) { .answerPlanChange($0) }
    let input = try GoalInput.goal(title: title, steps: steps)
    return try await store.addGoal(title: input.title, steps: input.steps, permit: permit, env: effects)
  }

  @discardableResult
  public func addGoalStep(_ personID: ID<Person>, goal: ID<PlanGoal>, text: String?, by requester: Requester)
    async throws -> PlanGoal
  {
    let (_, permit) = try await team(personID, for: requester) { .answerPlanChange($0) }
    return try await store.addGoalStep(goal, text: try GoalInput.step(text), permit: permit, env: effects)
  }

  /// Progress: `kind` is "note", "done" or "not-done" (a step, by number).
  @discardableResult
  public func addGoalProgress(
    _ personID: ID<Person>, goal: ID<PlanGoal>, kind: String?, step: Int?, note: String?, by requester: Requester
  ) async throws -> PlanGoal {
    let (_, permit) = try await team(personID, for: requester) { .proposePlanChange($0) }
    let input = try GoalInput.progress(kind: kind, step: step, note: note)
    return try await store.addGoalProgress(
      goal, kind: input.kind, step: input.step, note: input.note, permit: permit, env: effects)
  }

  /// `status` is "working", "achieved" or "set-aside".
  @discardableResult
  public func setGoalStatus(
    _ personID: ID<Person>, goal: ID<PlanGoal>, status: String?, note: String?, by requester: Requester
  ) async throws -> PlanGoal {
    let (_, permit) = try await team(personID, for: requester) { .answerPlanChange($0) }
    let input = try GoalInput.status(status, note: note)
    return try await store.setGoalStatus(goal, input.status, note: input.note, permit: permit, env: effects)
  }

  func goalModel(_ team: Team, _ goal: PlanGoal, _ requester: Requester) async throws -> GoalModel {
    let facts = TeamFacts(team)
    let ids = Set([goal.createdBy] + goal.steps.map(\.addedBy) + goal.entries.map(\.by))
    var names = try await store.accountNames(Array(ids))
    names[team.personAccount.id] = team.personAccount.name
    return GoalModel(
      team: team, goal: goal, mayNote: allows(requester, .proposePlanChange(facts)),
      mayShape: allows(requester, .answerPlanChange(facts)), names: names, now: effects.now())
  }
}
