import CareCore
import CareStore
import Vapor

/// JSON API under /api/v1. Same store functions and policy as the pages; bearer tokens, no cookies.
enum APIController {
  static func register(_ app: Application) throws {
    app.get("api", "openapi.json") { req async throws -> Response in
      let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "OpenAPI")!
      var headers = HTTPHeaders()
      headers.contentType = .json
      return Response(status: .ok, headers: headers, body: .init(data: try Data(contentsOf: url)))
    }
    let v1 = app.grouped("api", "v1")
    v1.post("sessions", use: signIn)
    v1.delete("sessions", use: signOut)
    v1.get("me") { req async throws -> DTO.AccountOut in DTO.AccountOut(try await req.actor().account, showEmail: true)
    }
    v1.get("people", use: people)
    v1.post("people", use: createPerson)
    v1.get("teams", ":id", use: team)
    v1.post("teams", ":id", "invitations", use: invite)
    v1.post("teams", ":id", "answer", use: answer)
    v1.delete("teams", ":id", "members", ":membershipID", use: remove)
    v1.get("circles", use: circles)
    v1.post("circles", use: createCircle)
    v1.get("circles", ":id", use: circle)
    v1.post("circles", ":id", "join") { req in try await joinOrLeave(req, join: true) }
    v1.post("circles", ":id", "leave") { req in try await joinOrLeave(req, join: false) }
    v1.get("members", use: members)
    v1.post("members", use: addMember)
    v1.get("hats", use: hats)
    v1.get("hats", ":id", use: hat)
    v1.post("hats", ":id", "handover", use: handOver)
  }

  static func signIn(_ req: Request) async throws -> Response {
    let body = try req.content.decode(DTO.SignIn.self)
    let account = try await AuthController.authenticate(req, email: body.email, password: body.password)
    let token = try await req.startSession(for: account, kind: "api")
    return try await DTO.SessionToken(token: token, account: .init(account, showEmail: true)).encodeResponse(
      status: .created, for: req)
  }

  static func signOut(_ req: Request) async throws -> HTTPStatus {
    let actor = try await req.actor()
    try await req.store.record(.signOut, coop: actor.coopID, actor: actor.account.id, detail: "API", env: req.clock)
    try await req.endSession()
    return .noContent
  }

  static func people(_ req: Request) async throws -> [DTO.PersonOut] {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .createPerson(actor.coopID)).require()
    return try await req.store.people(coop: actor.coopID).map(DTO.PersonOut.init)
  }

  static func createPerson(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .createPerson(actor.coopID)).require()
    let input = try req.content.decode(DTO.PersonIn.self).domain
    let person = try await req.store.createPerson(input, coop: actor.coopID, by: actor.account.id, env: req.clock)
    guard let team = try await req.store.team(person.id, coop: actor.coopID) else { throw CareError.notFound }
    return try await DTO.TeamOut(team, showInvited: true).encodeResponse(status: .created, for: req)
  }

  static func team(_ req: Request) async throws -> DTO.TeamOut {
    let actor = try await req.actor()
    let team = try await req.store.viewTeam(try req.id(), by: actor, env: req.clock)
    return DTO.TeamOut(team, showInvited: AccessPolicy.decide(actor, .changeTeam(TeamFacts(team))).isAllowed)
  }

  static func invite(_ req: Request) async throws -> Response {
    let (team, actor, onBehalf) = try await TeamController.load(req) { .changeTeam($0) }
    let input = try req.content.decode(DTO.InvitationIn.self).domain
    let result = try await req.store.invite(input, to: team, by: actor.account.id, onBehalfOf: onBehalf, env: req.clock)
    try await TeamController.notify(req, result, team: team)
    return try await DTO.TeamMemberOut(Team.Entry(membership: result.membership, account: result.invitee))
      .encodeResponse(status: .created, for: req)
  }

  static func answer(_ req: Request) async throws -> HTTPStatus {
    let (team, actor, _) = try await TeamController.load(req) { .respondToInvitation($0) }
    let body = try req.content.decode(DTO.Answer.self)
    try await req.store.respond(to: team, accept: body.accept, by: actor.account.id, env: req.clock)
    return .noContent
  }

  static func remove(_ req: Request) async throws -> HTTPStatus {
    let (team, actor, onBehalf) = try await TeamController.load(req) { .changeTeam($0) }
    let membership: ID<TeamMembership> = try req.id(TeamMembership.self, "membershipID")
    try await req.store.removeFromTeam(
      membership, team: team, by: actor.account.id, onBehalfOf: onBehalf, env: req.clock)
    return .noContent
  }

  static func circles(_ req: Request) async throws -> [DTO.CircleOut] {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .viewCircle(coop: actor.coopID)).require()
    return try await req.store.circles(coop: actor.coopID).map { DTO.CircleOut($0) }
  }

  static func createCircle(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .manageCircles(coop: actor.coopID)).require()
    let input = try req.content.decode(DTO.CircleIn.self).domain
    let circle = try await req.store.createCircle(input, coop: actor.coopID, by: actor.account.id, env: req.clock)
    return try await DTO.CircleOut(circle).encodeResponse(status: .created, for: req)
  }

  static func circle(_ req: Request) async throws -> DTO.CircleOut {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .viewCircle(coop: actor.coopID)).require()
    guard let detail = try await req.store.circleDetail(try req.id(), coop: actor.coopID) else {
      throw CareError.notFound
    }
    return DTO.CircleOut(detail.circle, detail: detail)
  }

  static func joinOrLeave(_ req: Request, join: Bool) async throws -> HTTPStatus {
    _ = try await CircleController.joinOrLeaveCircle(req, join: join)
    return .noContent
  }

  static func members(_ req: Request) async throws -> [DTO.MemberOut] {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .viewMemberRegister(coop: actor.coopID)).require()
    return try await req.store.memberRegister(coop: actor.coopID).map(DTO.MemberOut.init)
  }

  static func addMember(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .changeMemberRegister(coop: actor.coopID)).require()
    let input = try req.content.decode(DTO.MemberIn.self).domain
    let member = try await req.store.addMember(input, coop: actor.coopID, by: actor.account.id, env: req.clock)
    guard let account = try await req.store.account(member.accountID) else { throw CareError.notFound }
    return try await DTO.MemberOut(member, account).encodeResponse(status: .created, for: req)
  }

  static func hats(_ req: Request) async throws -> [DTO.HatOut] {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .viewHats(coop: actor.coopID)).require()
    return try await req.store.hats(coop: actor.coopID).map(DTO.HatOut.init)
  }

  static func hat(_ req: Request) async throws -> DTO.HatOut {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .viewHats(coop: actor.coopID)).require()
    guard let hat = try await req.store.hat(try req.id(), coop: actor.coopID) else { throw CareError.notFound }
    return DTO.HatOut(hat)
  }

  static func handOver(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try AccessPolicy.decide(actor, .handOverHat(coop: actor.coopID)).require()
    let id: ID<Hat> = try req.id()
    let input = try req.content.decode(DTO.HandoverIn.self).domain
    _ = try await req.store.handOver(id, input, coop: actor.coopID, by: actor.account.id, env: req.clock)
    guard let hat = try await req.store.hat(id, coop: actor.coopID) else { throw CareError.notFound }
    return try await DTO.HatOut(hat).encodeResponse(status: .created, for: req)
  }
}
