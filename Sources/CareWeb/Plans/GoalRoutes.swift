import CareCases
import CareCore
import Vapor

/// Goals in the person's plan: a new goal (from the plan's page), one goal's page with its chart, a step
/// added, progress noted, the goal reached or set aside; and the API.
enum GoalsWeb: WebCapability {
  static let openAPI: String? = "goals"

  static func pages(_ r: PageRoutes) {
    r.post(.teamPlanGoals(.key), GoalController.add)
    r.get(.teamPlanGoal(.key, .key), GoalController.show)
    r.post(.teamPlanGoalSteps(.key, .key), GoalController.addStep)
    r.post(.teamPlanGoalProgress(.key, .key), GoalController.progress)
    r.post(.teamPlanGoalStatus(.key, .key), GoalController.status)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.teamPlanGoals(.key)) { req async throws -> [DTO.GoalOut] in
      try await req.cases.supportPlan(try req.id(), by: try await req.actor()).goals.map(DTO.GoalOut.init)
    }
    v1.get(.teamPlanGoal(.key, .key)) { req async throws -> DTO.GoalOut in
      DTO.GoalOut(
        try await req.cases.goal(
          try req.id(), goal: try req.id(PlanGoal.self, SiteURL.goalID), by: try await req.actor()
        )
        .goal)
    }
    v1.post(.teamPlanGoals(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayShapeGoals(person, by: actor)
      let body = try req.content.decode(DTO.GoalIn.self)
      let goal = try await req.cases.addGoal(
        person, title: body.title, steps: body.steps ?? [], by: actor)
      return try await DTO.GoalOut(goal).encodeResponse(status: .created, for: req)
    }
    v1.post(.teamPlanGoalSteps(.key, .key)) { req async throws -> Response in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayShapeGoals(person, by: actor)
      let body = try req.content.decode(DTO.GoalStepIn.self)
      let goal = try await req.cases.addGoalStep(
        person, goal: try req.id(PlanGoal.self, SiteURL.goalID), text: body.text, by: actor)
      return try await DTO.GoalOut(goal).encodeResponse(status: .created, for: req)
    }
    v1.post(.teamPlanGoalProgress(.key, .key)) { req async throws -> Response in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayNoteGoalProgress(person, by: actor)
      let body = try req.content.decode(DTO.GoalProgressIn.self)
      let goal = try await req.cases.addGoalProgress(
        person, goal: try req.id(PlanGoal.self, SiteURL.goalID), kind: body.kind, step: body.step, note: body.note,
        by: actor)
      return try await DTO.GoalOut(goal).encodeResponse(status: .created, for: req)
    }
    v1.put(.teamPlanGoalStatus(.key, .key)) { req async throws -> DTO.GoalOut in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayShapeGoals(person, by: actor)
      let body = try req.content.decode(DTO.GoalStatusIn.self)
      return DTO.GoalOut(
        try await req.cases.setGoalStatus(
          person, goal: try req.id(PlanGoal.self, SiteURL.goalID), status: body.status, note: body.note, by: actor))
    }
  }
}

extension DTO {
  struct GoalIn: Content {
    let title: String
    /// The first small steps, in order.
    let steps: [String]?
  }

  struct GoalStepIn: Content {
    let text: String
  }

  struct GoalProgressIn: Content {
    /// `note`, `done` or `not-done`.
    let kind: String
    let step: Int?
    let note: String?
  }

  struct GoalStatusIn: Content {
    let status: String
    let note: String?
  }

  struct GoalOut: Content {
    let id: String
    let title: String
    let status: String
    let createdBy: String
    let createdAt: Date
    let steps: [GoalStepOut]
    let entries: [GoalEntryOut]
    /// How far along it was after each change, from the day it was set.
    let progress: [GoalPointOut]

    init(_ g: PlanGoal) {
      (id, title, status, createdBy, createdAt) = (
        g.id.description, g.title, g.status.rawValue, g.createdBy.description, g.createdAt
      )
      let done = g.done
      steps = g.steps.map { GoalStepOut(number: $0.number, text: $0.text, done: done.contains($0.number)) }
      entries = g.entries.map {
        GoalEntryOut(
          id: $0.id.description, kind: $0.kind.rawValue, step: $0.step, note: $0.note, by: $0.by.description, at: $0.at)
      }
      progress = g.progress.map { GoalPointOut(at: $0.at, done: $0.done, steps: $0.steps) }
    }
  }

  struct GoalStepOut: Content {
    let number: Int
    let text: String
    let done: Bool
  }

  struct GoalEntryOut: Content {
    let id: String
    let kind: String
    let step: Int?
    let note: String
    let by: String
    let at: Date
  }

  struct GoalPointOut: Content {
    let at: Date
    let done: Int
    let steps: Int
  }
}

enum GoalController {
  static func show(_ req: Request) async throws -> Response {
    try await page(
      req, try await req.actor(), try req.id(), try req.id(PlanGoal.self, SiteURL.goalID), FormState(), .ok)
  }

  static func page(
    _ req: Request, _ actor: Requester, _ person: ID<Person>, _ goal: ID<PlanGoal>, _ state: FormState,
    _ status: HTTPStatus
  ) async throws -> Response {
    let model = try await req.cases.goal(person, goal: goal, by: actor)
    return GoalPage(
      layout: req.layout(
        "Goal: \(model.goal.title)", crumbs: PlanController.crumbs(model.team), hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: req.url.query.flatMap(GoalPage.Notice.init(rawValue:))
    ).response(status)
  }

  /// A new goal, from the plan's page: saved, its own page; refused, the plan with the problems.
  static func add(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    var state = try req.formState()
    do {
      // The form's steps come one a line; blank lines are left out.
      let steps = state["steps"].split(whereSeparator: \.isNewline).map(String.init)
        .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
      let goal = try await req.cases.addGoal(person, title: state["title"], steps: steps, by: actor)
      return req.redirect(
        to: SiteURL.teamPlanGoal(.value(person), .value(goal.id)).path + "?added", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await PlanController.page(req, actor, person, state, status)
    }
  }

  static func addStep(_ req: Request) async throws -> Response {
    try await change(req, notice: .stepAdded) { actor, person, goal, state in
      try await req.cases.addGoalStep(person, goal: goal, text: state["stepText"], by: actor)
    }
  }

  static func progress(_ req: Request) async throws -> Response {
    try await change(req, notice: .noted) { actor, person, goal, state in
      try await req.cases.addGoalProgress(
        person, goal: goal, kind: state["kind"], step: Int(state["step"]), note: state["note"], by: actor)
    }
  }

  static func status(_ req: Request) async throws -> Response {
    try await change(req, notice: .status) { actor, person, goal, state in
      try await req.cases.setGoalStatus(
        person, goal: goal, status: state["status"], note: state["statusNote"], by: actor)
    }
  }

  /// A goal's form, one way through: saved, back to the goal; refused, the goal with the problems.
  static func change(
    _ req: Request, notice: GoalPage.Notice,
    _ save: (Requester, ID<Person>, ID<PlanGoal>, FormState) async throws -> PlanGoal
  ) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    let goal: ID<PlanGoal> = try req.id(PlanGoal.self, SiteURL.goalID)
    var state = try req.formState()
    do {
      _ = try await save(actor, person, goal, state)
      return req.redirect(
        to: SiteURL.teamPlanGoal(.value(person), .value(goal)).path + "?\(notice.rawValue)", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await page(req, actor, person, goal, state, status)
    }
  }
}
