import CareCases
import CareCore
import Vapor

/// Circles: the list, a new circle, one circle, and joining or leaving.
enum CircleController {
  static func index(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), FormState()).response()
  }

  private static func page(_ req: Request, _ actor: Requester, _ state: FormState) async throws -> CirclesPage {
    let model = try await req.cases.circles(by: actor)
    return CirclesPage(
      layout: req.layout("Circles", crumbs: [.init(label: "Home", url: .home)], hasErrors: !state.errors.isEmpty),
      circles: model.circles, mayManage: model.mayManage, state: state, guide: model.guide)
  }

  static func create(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var state = try req.formState()
    do {
      let circle = try await req.cases.createCircle(try NewCircle.fromForm(state), by: actor)
      return req.redirect(to: SiteURL.circle(.value(circle.id)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = error.fieldErrors
      return try await page(req, actor, state).response(.unprocessableEntity)
    }
  }

  static func show(_ req: Request) async throws -> Response {
    let model = try await req.cases.circle(try req.id(), by: try await req.actor())
    return CirclePage(
      layout: req.layout(
        model.detail.circle.name, crumbs: [.init(label: "Home", url: .home), .init(label: "Circles", url: .circles)]
      ),
      detail: model.detail, visibleTeams: model.visibleTeams, isMember: model.isMember, mayJoin: model.mayJoin,
      mayPlanWeek: model.mayPlanWeek, mayManage: model.mayManage, today: req.cases.today,
      proposals: model.proposals, mayPropose: model.mayPropose, now: model.now, guideHistory: model.guideHistory
    ).response()
  }

  static func join(_ req: Request) async throws -> Response {
    try await joinOrLeave(req, join: true)
  }

  static func leave(_ req: Request) async throws -> Response {
    try await joinOrLeave(req, join: false)
  }

  private static func joinOrLeave(_ req: Request, join: Bool) async throws -> Response {
    let id: ID<Circle> = try req.id()
    try await req.cases.joinOrLeaveCircle(id, join: join, by: try await req.actor())
    return req.redirect(to: SiteURL.circle(.value(id)).path, redirectType: .normal)
  }
}

extension NewCircle {
  /// Numbers typed into a form: empty means "use the default", anything else must be a number.
  static func fromForm(_ state: FormState) throws -> NewCircle {
    var v = Validator()
    func number(_ field: String) -> Int? {
      let text = state[field].trimmingCharacters(in: .whitespaces)
      if text.isEmpty { return nil }
      guard let n = Int(text) else {
        v.add(field, "Enter a whole number, like 12")
        return nil
      }
      return n
    }
    let workers = number("maxWorkers")
    let teams = number("maxTeams")
    try v.check()
    return NewCircle(name: state["name"], area: state["area"], maxWorkers: workers, maxTeams: teams)
  }
}
