import CareCases
import CareCore
import Vapor

/// Hats: the list, one hat, and handing it over.
enum HatController {
  static func hats(_ req: Request) async throws -> Response {
    let hats = try await req.cases.hats(by: try await req.actor())
    return HatsPage(layout: req.layout("Hats", crumbs: [.init(label: "Home", url: .home)]), hats: hats).response()
  }

  static func hat(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), try req.id(), FormState()).response()
  }

  private static func page(_ req: Request, _ actor: Requester, _ id: ID<Hat>, _ state: FormState) async throws
    -> HatPage
  {
    let model = try await req.cases.hat(id, by: actor)
    return HatPage(
      layout: req.layout(
        model.hat.hat.name, crumbs: [.init(label: "Home", url: .home), .init(label: "Hats", url: .hats)],
        hasErrors: !state.errors.isEmpty),
      hat: model.hat, scope: model.scope, people: model.people, mayHandOver: model.mayHandOver, state: state,
      termEndingSoon: model.termEndingSoon,
      requests: HatRequests(
        all: model.requests, mayApprove: model.mayApprove, names: model.names, needsApproval: model.needsApproval,
        now: model.now),
      notice: notices[req.url.query ?? ""],
      definitions: HatChange.history(model, today: CoopCalendar.london.day(of: model.now)))
  }

  static func handOver(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id: ID<Hat> = try req.id()
    var state = try req.formState()
    let input = Handover(
      toAccountID: state["toAccountID"], termStart: state["termStart"], termEnd: state["termEnd"],
      replacing: state["replacing"])
    do {
      let done = try await req.cases.handOver(id, input, by: actor)
      return req.redirect(
        to: SiteURL.hat(.value(id)).path + (done.waiting == nil ? "" : "?asked"), redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = error.fieldErrors
      return try await page(req, actor, id, state).response(.unprocessableEntity)
    }
  }

  static let notices = [
    "asked": "Asked: the hand-over waits for a second hat holder to approve it.",
    "answered": "Your answer is kept.",
  ]

  static func answerHandover(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id: ID<Hat> = try req.id()
    let state = try req.formState()
    do {
      try await req.cases.answerHandover(
        try req.id(HandoverRequest.self, SiteURL.requestID), hat: id, answer: state["answer"],
        reason: state["reason"], by: actor)
      return req.redirect(to: SiteURL.hat(.value(id)).path + "?answered", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      var shown = FormState()
      shown.errors = error.fieldErrors
      let (status, _, _) = CareErrorMiddleware.classify(error)
      return try await page(req, actor, id, shown).response(status)
    }
  }
}
