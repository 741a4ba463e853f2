import CareCases
import CareCore
import Vapor

/// Adding people supported, which starts their team.
enum PeopleController {
  static func index(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), FormState()).response()
  }

  private static func page(_ req: Request, _ actor: Requester, _ state: FormState) async throws -> PeoplePage {
    let model = try await req.cases.people(by: actor)
    return PeoplePage(
      layout: req.layout(
        "People supported", crumbs: [.init(label: "Home", url: .home)], hasErrors: !state.errors.isEmpty),
      people: model.people, circles: model.circles, state: state)
  }

  static func create(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var state = try req.formState()
    let input = NewPerson(
      name: state["name"], email: state["email"], circleID: state["circleID"],
      communicationNeeds: state["communicationNeeds"])
    do {
      let team = try await req.cases.addPerson(input, by: actor)
      return req.redirect(to: SiteURL.team(.value(team.person.id)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = error.fieldErrors
      return try await page(req, actor, state).response(.unprocessableEntity)
    }
  }
}
