import CareCore
import CareStore
import Vapor

/// The member register and hats.
enum CoopController {
  static func members(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .viewMemberRegister(coop: actor.coopID)).require()
    return try await membersPage(req, actor, FormState()).response()
  }

  private static func membersPage(_ req: Request, _ actor: Requester, _ state: FormState) async throws -> MembersPage {
    MembersPage(
      layout: req.layout(
        "Register of members", crumbs: [.init(label: "Home", url: .home)], hasErrors: !state.errors.isEmpty),
      register: try await req.store.memberRegister(coop: actor.coopID),
      mayChange: AccessPolicy.decide(actor, .changeMemberRegister(coop: actor.coopID)).isAllowed, state: state,
      today: req.today)
  }

  static func addMember(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .changeMemberRegister(coop: actor.coopID)).require()
    var state = try req.formState()
    let share = state["sharePence"].trimmingCharacters(in: .whitespaces)
    let input = NewMember(
      name: state["name"], email: state["email"], memberClass: MemberClass(rawValue: state["memberClass"]),
      joinedOn: state["joinedOn"], sharePence: share.isEmpty ? nil : Int(share) ?? -1)
    do {
      _ = try await req.store.addMember(input, coop: actor.coopID, by: actor.account.id, env: req.clock)
      return req.redirect(to: SiteURL.members.path, redirectType: .normal)
    } catch let error as CareError {
      state.errors = error.fieldErrors
      return try await membersPage(req, actor, state).response(.unprocessableEntity)
    }
  }

  static func scope(_ hat: Hat, _ circles: [Circle]) -> String {
    hat.circleID.flatMap { id in circles.first { $0.id == id }?.name } ?? "the whole co-op"
  }

  static func hats(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .viewHats(coop: actor.coopID)).require()
    let circles = try await req.store.circles(coop: actor.coopID)
    let hats = try await req.store.hats(coop: actor.coopID).map {
      HatWithHoldersView(hat: $0.hat, scope: scope($0.hat, circles), current: $0.current(on: req.today).map(\.1.name))
    }
    return HatsPage(layout: req.layout("Hats", crumbs: [.init(label: "Home", url: .home)]), hats: hats).response()
  }

  static func hat(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    return try await hatPage(req, actor, FormState()).response()
  }

  private static func hatPage(_ req: Request, _ actor: Requester, _ state: FormState) async throws -> HatPage {
    try AccessPolicy.decide(actor, .viewHats(coop: actor.coopID)).require()
    guard let hat = try await req.store.hat(try req.id(), coop: actor.coopID) else { throw CareError.notFound }
    let mayHandOver = AccessPolicy.decide(actor, .handOverHat(coop: actor.coopID)).isAllowed
    return HatPage(
      layout: req.layout(
        hat.hat.name, crumbs: [.init(label: "Home", url: .home), .init(label: "Hats", url: .hats)],
        hasErrors: !state.errors.isEmpty),
      hat: hat, scope: scope(hat.hat, try await req.store.circles(coop: actor.coopID)),
      people: mayHandOver ? try await req.store.accounts(coop: actor.coopID).filter { $0.email != nil } : [],
      mayHandOver: mayHandOver, state: state)
  }

  static func handOver(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .handOverHat(coop: actor.coopID)).require()
    let id: ID<Hat> = try req.id()
    var state = try req.formState()
    let input = Handover(
      toAccountID: state["toAccountID"], termStart: state["termStart"], termEnd: state["termEnd"],
      replacing: state["replacing"])
    do {
      _ = try await req.store.handOver(id, input, coop: actor.coopID, by: actor.account.id, env: req.clock)
      return req.redirect(to: SiteURL.hat(id).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound {
      state.errors = error.fieldErrors
      return try await hatPage(req, actor, state).response(.unprocessableEntity)
    }
  }
}
