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

  static func member(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let (member, _) = try await req.cases.member(try req.id(), by: actor)
    let state = FormState(values: [
      "memberClass": member.memberClass.rawValue, "sharePence": String(member.sharePence),
      "leftOn": member.leftOn?.iso ?? "",
    ])
    return try await memberPage(req, actor, member.id, state).response()
  }

  private static func memberPage(_ req: Request, _ actor: Requester, _ id: ID<Member>, _ state: FormState)
    async throws -> MemberPage
  {
    let (member, account) = try await req.cases.member(id, by: actor)
    return MemberPage(
      layout: req.layout(
        account.name,
        crumbs: [.init(label: "Home", url: .home), .init(label: "Register of members", url: .members)],
        hasErrors: !state.errors.isEmpty),
      member: member, account: account, state: state)
  }

  static func changeMember(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id: ID<Member> = try req.id()
    var state = try req.formState()
    let share = state["sharePence"].trimmingCharacters(in: .whitespaces)
    let change = MemberChange(
      memberClass: MemberClass(rawValue: state["memberClass"]), sharePence: share.isEmpty ? nil : Int(share) ?? -1,
      leftOn: state["leftOn"])
    do {
      _ = try await req.cases.changeMember(id, change, by: actor)
      return req.redirect(to: SiteURL.members.path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = error.fieldErrors
      return try await memberPage(req, actor, id, state).response(.unprocessableEntity)
    }
  }
}
