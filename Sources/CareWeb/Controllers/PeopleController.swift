import CareCore
import CareStore
import Vapor

/// Adding people supported, which starts their team.
enum PeopleController {
  static func index(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .createPerson(actor.coopID)).require()
    return try await page(req, actor, FormState()).response()
  }

  private static func page(_ req: Request, _ actor: Requester, _ state: FormState) async throws -> PeoplePage {
    PeoplePage(
      layout: req.layout(
        "People supported", crumbs: [.init(label: "Home", url: .home)], hasErrors: !state.errors.isEmpty),
      people: try await req.store.people(coop: actor.coopID), circles: try await req.store.circles(coop: actor.coopID),
      state: state)
  }

  static func create(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .createPerson(actor.coopID)).require()
    var state = try req.formState()
    let input = NewPerson(
      name: state["name"], email: state["email"], circleID: state["circleID"],
      communicationNeeds: state["communicationNeeds"])
    do {
      let person = try await req.store.createPerson(input, coop: actor.coopID, by: actor.account.id, env: req.clock)
      return req.redirect(to: SiteURL.team(person.id).path, redirectType: .normal)
    } catch let error as CareError {
      state.errors = error.fieldErrors
      return try await page(req, actor, state).response(.unprocessableEntity)
    }
  }
}
