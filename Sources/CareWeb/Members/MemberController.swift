import CareCases
import CareCore
import Vapor

/// The register of members.
enum MemberController {
  static func members(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), FormState()).response()
  }

  private static func page(_ req: Request, _ actor: Requester, _ state: FormState) async throws -> MembersPage {
    let model = try await req.cases.memberRegister(by: actor)
    return MembersPage(
      layout: req.layout(
        "Register of members", crumbs: [.init(label: "Home", url: .home)], hasErrors: !state.errors.isEmpty),
      register: model.register, mayChange: model.mayChange, state: state, today: req.cases.today)
  }

  static func addMember(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var state = try req.formState()
    let share = state["sharePence"].trimmingCharacters(in: .whitespaces)
    let input = NewMember(
      name: state["name"], email: state["email"], memberClass: MemberClass(rawValue: state["memberClass"]),
      joinedOn: state["joinedOn"], sharePence: share.isEmpty ? nil : Int(share) ?? -1)
    do {
      _ = try await req.cases.addMember(input, by: actor)
      return req.redirect(to: SiteURL.members.path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = error.fieldErrors
      return try await page(req, actor, state).response(.unprocessableEntity)
    }
  }

  static func fromAccountForm(_ req: Request) async throws -> Response {
    try await fromAccountPage(req, try await req.actor(), FormState()).response()
  }

  private static func fromAccountPage(_ req: Request, _ actor: Requester, _ state: FormState) async throws
    -> MemberFromAccountPage
  {
    MemberFromAccountPage(
      layout: req.layout(
        "Make someone already here a member",
        crumbs: [.init(label: "Home", url: .home), .init(label: "Register of members", url: .members)],
        hasErrors: !state.errors.isEmpty),
      candidates: try await req.cases.membershipCandidates(by: actor), state: state)
  }

  static func addFromAccount(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var state = try req.formState()
    let share = state["sharePence"].trimmingCharacters(in: .whitespaces)
    let input = NewMembership(
      accountID: state["accountID"], memberClass: MemberClass(rawValue: state["memberClass"]),
      joinedOn: state["joinedOn"], sharePence: share.isEmpty ? nil : Int(share) ?? -1)
    do {
      _ = try await req.cases.giveMembership(input, by: actor)
      return req.redirect(to: SiteURL.members.path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = error.fieldErrors
      return try await fromAccountPage(req, actor, state).response(.unprocessableEntity)
    }
  }
}
