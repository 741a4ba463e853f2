import CareCore
import CareStore
import Vapor

enum CircleController {
  static func index(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .viewCircle(coop: actor.coopID)).require()
    return try await page(req, actor, FormState()).response()
  }

  private static func page(_ req: Request, _ actor: Requester, _ state: FormState) async throws -> CirclesPage {
    CirclesPage(
      layout: req.layout("Circles", crumbs: [.init(label: "Home", url: .home)], hasErrors: !state.errors.isEmpty),
      circles: try await req.store.circles(coop: actor.coopID),
      mayManage: AccessPolicy.decide(actor, .manageCircles(coop: actor.coopID)).isAllowed, state: state)
  }

  static func create(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .manageCircles(coop: actor.coopID)).require()
    var state = try req.formState()
    do {
      let input = try NewCircle.fromForm(state)
      let circle = try await req.store.createCircle(input, coop: actor.coopID, by: actor.account.id, env: req.clock)
      return req.redirect(to: SiteURL.circle(circle.id).path, redirectType: .normal)
    } catch let error as CareError {
      state.errors = error.fieldErrors
      return try await page(req, actor, state).response(.unprocessableEntity)
    }
  }

  static func show(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .viewCircle(coop: actor.coopID)).require()
    guard let detail = try await req.store.circleDetail(try req.id(), coop: actor.coopID) else {
      throw CareError.notFound
    }
    var visible = Set<ID<Person>>()
    for (person, _) in detail.people {
      if let team = try await req.store.team(person.id, coop: actor.coopID),
        AccessPolicy.decide(actor, .viewTeam(TeamFacts(team))).isAllowed
      {
        visible.insert(person.id)
      }
    }
    return CirclePage(
      layout: req.layout(
        detail.circle.name, crumbs: [.init(label: "Home", url: .home), .init(label: "Circles", url: .circles)]),
      detail: detail, visibleTeams: visible, isMember: actor.circleIDs.contains(detail.circle.id),
      mayJoin: AccessPolicy.decide(actor, .joinOrLeaveCircle(coop: actor.coopID)).isAllowed, today: req.today
    ).response()
  }

  static func join(_ req: Request) async throws -> Response {
    try await joinOrLeave(req, join: true)
  }

  static func leave(_ req: Request) async throws -> Response {
    try await joinOrLeave(req, join: false)
  }

  private static func joinOrLeave(_ req: Request, join: Bool) async throws -> Response {
    let id = try await joinOrLeaveCircle(req, join: join)
    return req.redirect(to: SiteURL.circle(id).path, redirectType: .normal)
  }

  /// The command behind both the page's button and the API: only workers join or leave, themselves.
  static func joinOrLeaveCircle(_ req: Request, join: Bool) async throws -> ID<Circle> {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .joinOrLeaveCircle(coop: actor.coopID)).require()
    let id: ID<Circle> = try req.id()
    if join {
      try await req.store.joinCircle(id, account: actor.account.id, coop: actor.coopID, env: req.clock)
    } else {
      try await req.store.leaveCircle(id, account: actor.account.id, coop: actor.coopID, env: req.clock)
    }
    return id
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
