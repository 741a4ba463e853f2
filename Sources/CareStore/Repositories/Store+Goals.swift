import CareCore
import FluentKit
import Foundation

final class PlanGoalRow: Model, @unchecked Sendable {
  static let schema = "plan_goals"
  @IDProperty<PlanGoalRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "title") var title: String
  @Field(key: "created_by") var createdBy: UUID
  @OptionalField(key: "on_behalf_of") var onBehalfOf: UUID?
  @Field(key: "created_at") var createdAt: Date
  init() {}
}

final class GoalStepRow: Model, @unchecked Sendable {
  static let schema = "goal_steps"
  @IDProperty<GoalStepRow, UUID>(key: .id) var id: UUID?
  @Field(key: "goal_id") var goalID: UUID
  @Field(key: "number") var number: Int
  @Field(key: "text") var text: String
  @Field(key: "added_by") var addedBy: UUID
  @Field(key: "added_at") var addedAt: Date
  init() {}

  var value: GoalStep { GoalStep(number: number, text: text, addedBy: CareCore.ID(addedBy), addedAt: addedAt) }
}

final class GoalEntryRow: Model, @unchecked Sendable {
  static let schema = "goal_entries"
  @IDProperty<GoalEntryRow, UUID>(key: .id) var id: UUID?
  @Field(key: "goal_id") var goalID: UUID
  @Field(key: "kind") var kind: String
  @OptionalField(key: "step") var step: Int?
  @Field(key: "note") var note: String
  @Field(key: "by") var by: UUID
  @OptionalField(key: "on_behalf_of") var onBehalfOf: UUID?
  @Field(key: "at") var at: Date
  init() {}

  var value: GoalEntry {
    get throws {
      GoalEntry(
        id: CareCore.ID(id!), kind: try StoreError.known(GoalEntry.Kind(rawValue: kind), "goal_entries.kind", kind),
        step: step, note: note, by: CareCore.ID(by), at: at)
    }
  }
}

/// Goals in a person's plan, their small steps and what happened to each, append-only. Writers to one goal
/// wait in line at the store's gate, so "that step is already done" is answered from what the one before
/// wrote; a step's number is unique per goal in the database too.
extension Store {
  /// The person's goals, oldest first.
  public func goals(permit: Permit) async throws -> [PlanGoal] {
    try Self.check(permit, anyOf: [.viewPlan, .proposePlanChange, .answerPlanChange])
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await Self.goals(person, only: nil, on: db)
  }

  /// One of the person's goals (another person's: not found).
  public func goal(_ id: ID<PlanGoal>, permit: Permit) async throws -> PlanGoal {
    try Self.check(permit, anyOf: [.viewPlan, .proposePlanChange, .answerPlanChange])
    guard let person = permit.personID, let goal = try await Self.goals(person, only: id, on: db).first else {
      throw CareError.notFound
    }
    return goal
  }

  /// A new goal with its first steps (the person, or their arranger).
  public func addGoal(title: String, steps: [String], permit: Permit, env: Effects) async throws -> PlanGoal {
    guard case .answerPlanChange(let team) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    let person = team.personID
    return try await gate.holding(["goals:\(person)"]) {
      try await write { db in
        let working = try await Self.goals(person, only: nil, on: db).filter { $0.status == .working }
        guard working.count < PlanGoal.mostWorking else {
          throw CareError.conflict(
            FieldError(
              "title", "\(PlanGoal.mostWorking) goals are being worked on: set one aside or mark it achieved first"))
        }
        let row = PlanGoalRow()
        (row.id, row.coopID, row.personID, row.title) = (env.newID(), permit.coopID.rawValue, person.rawValue, title)
        (row.createdBy, row.onBehalfOf, row.createdAt) = (actor.rawValue, permit.onBehalfOf?.rawValue, env.now())
        try await row.create(on: db)
        for (index, text) in steps.enumerated() {
          try await Self.addStep(text, number: index + 1, goal: row.id!, actor: actor, env: env, on: db)
        }
        try await Self.append(
          .addGoal, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf, person: person,
          detail: "“\(title)”" + (steps.isEmpty ? "" : ", \(steps.count) step\(steps.count == 1 ? "" : "s")"),
          env: env, on: db)
        return try await Self.goals(person, only: ID(row.id!), on: db)[0]
      }
    }
  }

  /// One more small step (the person, or their arranger), while the goal is being worked on.
  public func addGoalStep(_ id: ID<PlanGoal>, text: String, permit: Permit, env: Effects) async throws -> PlanGoal {
    guard case .answerPlanChange(let team) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await gate.holding(["goal:\(id)"]) {
      try await writeChecked(conflict: FieldError("stepText", "Someone added a step at the same moment: look again")) {
        db in
        let goal = try await Self.workingGoal(id, person: team.personID, field: "stepText", on: db)
        guard goal.steps.count < PlanGoal.mostSteps else {
          throw CareError.conflict(FieldError("stepText", "A goal has at most \(PlanGoal.mostSteps) steps"))
        }
        let number = (goal.steps.map(\.number).max() ?? 0) + 1
        try await Self.addStep(text, number: number, goal: id.rawValue, actor: actor, env: env, on: db)
        try await Self.append(
          .addGoalStep, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf, person: team.personID,
          detail: "“\(goal.title)”, step \(number): \(text)", env: env, on: db)
        return try await Self.goals(team.personID, only: id, on: db)[0]
      }
    }
  }

  /// Progress on a goal being worked on (anyone in the team): a note, or a step ticked or unticked. Ticking a
  /// step already done, or unticking one not done, is refused.
  public func addGoalProgress(
    _ id: ID<PlanGoal>, kind: GoalEntry.Kind, step: Int?, note: String, permit: Permit, env: Effects
  ) async throws -> PlanGoal {
    guard case .proposePlanChange(let team) = permit.action, kind.status == nil else { throw CareError.forbidden }
    return try await gate.holding(["goal:\(id)"]) {
      try await write { db in
        let goal = try await Self.workingGoal(id, person: team.personID, field: "note", on: db)
        if let step {
          guard goal.steps.contains(where: { $0.number == step }) else {
            throw CareError.invalid("step", "Choose one of the goal's steps")
          }
          if kind == .stepDone && goal.done.contains(step) {
            throw CareError.conflict(FieldError("step", "Step \(step) is already done"))
          }
          if kind == .stepNotDone && !goal.done.contains(step) {
            throw CareError.conflict(FieldError("step", "Step \(step) is not marked done"))
          }
        }
        let detail =
          switch kind {
          case .stepDone: "step \(step ?? 0) done"
          case .stepNotDone: "step \(step ?? 0) not done after all"
          default: "a progress note"
          }
        try await Self.addEntry(kind, step: step, note: note, goal: goal, permit: permit, env: env, on: db)
        try await Self.append(
          .noteGoalProgress, coop: permit.coopID, actor: permit.requester.account.id, onBehalfOf: permit.onBehalfOf,
          person: team.personID, detail: "“\(goal.title)”: \(detail)", env: env, on: db)
        return try await Self.goals(team.personID, only: id, on: db)[0]
      }
    }
  }

  /// The goal reached, set aside, or picked up again (the person, or their arranger).
  public func setGoalStatus(
    _ id: ID<PlanGoal>, _ status: PlanGoal.Status, note: String, permit: Permit, env: Effects
  ) async throws -> PlanGoal {
    guard case .answerPlanChange(let team) = permit.action else { throw CareError.forbidden }
    let person = team.personID
    return try await gate.holding(["goals:\(person)", "goal:\(id)"]) {
      try await write { db in
        let goals = try await Self.goals(person, only: nil, on: db)
        guard let goal = goals.first(where: { $0.id == id }) else { throw CareError.notFound }
        guard goal.status != status else {
          throw CareError.conflict(FieldError("status", "The goal is already “\(status.label.lowercased())”"))
        }
        if status == .working && goals.filter({ $0.status == .working }).count >= PlanGoal.mostWorking {
          throw CareError.conflict(
            FieldError("status", "\(PlanGoal.mostWorking) goals are being worked on: set one aside first"))
        }
        let kind: GoalEntry.Kind =
          switch status {
          case .working: .resumed
          case .achieved: .achieved
          case .setAside: .setAside
          }
        try await Self.addEntry(kind, step: nil, note: note, goal: goal, permit: permit, env: env, on: db)
        try await Self.append(
          .setGoalStatus, coop: permit.coopID, actor: permit.requester.account.id, onBehalfOf: permit.onBehalfOf,
          person: person, detail: "“\(goal.title)”: \(status.label.lowercased())", env: env, on: db)
        return try await Self.goals(person, only: id, on: db)[0]
      }
    }
  }

  private static func workingGoal(_ id: ID<PlanGoal>, person: ID<Person>, field: String, on db: any Database)
    async throws -> PlanGoal
  {
    guard let goal = try await goals(person, only: id, on: db).first else { throw CareError.notFound }
    guard goal.status == .working else {
      throw CareError.conflict(
        FieldError(field, "The goal is “\(goal.status.label.lowercased())”: pick it up again first"))
    }
    return goal
  }

  private static func addStep(
    _ text: String, number: Int, goal: UUID, actor: ID<Account>, env: Effects, on db: any Database
  ) async throws {
    let row = GoalStepRow()
    (row.id, row.goalID, row.number, row.text) = (env.newID(), goal, number, text)
    (row.addedBy, row.addedAt) = (actor.rawValue, env.now())
    try await row.create(on: db)
  }

  private static func addEntry(
    _ kind: GoalEntry.Kind, step: Int?, note: String, goal: PlanGoal, permit: Permit, env: Effects,
    on db: any Database
  ) async throws {
    let row = GoalEntryRow()
    (row.id, row.goalID, row.kind, row.step, row.note) = (env.newID(), goal.id.rawValue, kind.rawValue, step, note)
    (row.by, row.onBehalfOf, row.at) = (permit.requester.account.id.rawValue, permit.onBehalfOf?.rawValue, env.now())
    try await row.create(on: db)
  }

  static func goals(_ person: ID<Person>, only: ID<PlanGoal>?, on db: any Database) async throws -> [PlanGoal] {
    var query = PlanGoalRow.query(on: db).filter(\.$personID == person.rawValue)
    if let only { query = query.filter(\.$id == only.rawValue) }
    let rows = try await query.sort(\.$createdAt).sort(\.$id).all()
    guard !rows.isEmpty else { return [] }
    let ids = rows.compactMap(\.id)
    let steps = Dictionary(
      grouping: try await GoalStepRow.query(on: db).filter(\.$goalID ~~ ids).all(), by: \.goalID)
    let entries = Dictionary(
      grouping: try await GoalEntryRow.query(on: db).filter(\.$goalID ~~ ids).all(), by: \.goalID)
    return try rows.map { row in
      PlanGoal(
        id: CareCore.ID(row.id!), personID: person, title: row.title, createdBy: CareCore.ID(row.createdBy),
        createdAt: row.createdAt, steps: (steps[row.id!] ?? []).map(\.value),
        entries: try (entries[row.id!] ?? []).map { try $0.value })
    }
  }
}
