import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CareStore
@testable import CareWeb

/// Every route × every kind of user, with the expected status written out. A route added without
/// rows here fails `everyRouteHasRows`.
@Suite("Access matrix")
struct AccessMatrixTests {
  enum Role: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case person, arranger, family, teamWorker, sameCircleWorker, otherCircleWorker, hatHolder, admin, otherCoopAdmin,
      anonymous, invited
    var testDescription: String { rawValue }
  }

  struct Row: Sendable {
    let route: String  // "METHOD /path/:param" as Vapor names it
    let path: @Sendable (Targets) -> String
    var form: [String: String]? = nil
    var json: String? = nil
    let expected: String  // one status per role, in `Role.allCases` order
  }

  struct Targets: Sendable {
    let team: ID<Person>
    let circle: ID<Circle>
    let hat: ID<Hat>
    let familyMembership: ID<TeamMembership>
    let workerMembership: ID<TeamMembership>
  }

  // Roles:                   P   A   F   W   S   O   H   D   X   N   I
  // (I: invited into the person's team, not yet answered: sees the invitation only, then accepts.)
  static let rows: [Row] = [
    Row(route: "GET /", path: { _ in "/" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
    Row(route: "GET /health", path: { _ in "/health" }, expected: "200 200 200 200 200 200 200 200 200 200 200"),
    Row(route: "GET /setup", path: { _ in "/setup" }, expected: "303 303 303 303 303 303 303 303 303 303 303"),
    Row(
      route: "POST /setup", path: { _ in "/setup" }, form: [:], expected: "404 404 404 404 404 404 404 404 404 404 404"),
    Row(route: "GET /sign-in", path: { _ in "/sign-in" }, expected: "200 200 200 200 200 200 200 200 200 200 200"),
    Row(
      route: "POST /sign-in", path: { _ in "/sign-in" }, form: [:],
      expected: "422 422 422 422 422 422 422 422 422 422 422"),
    Row(
      route: "GET /forgot-password", path: { _ in "/forgot-password" },
      expected: "200 200 200 200 200 200 200 200 200 200 200"),
    Row(
      route: "POST /forgot-password", path: { _ in "/forgot-password" }, form: [:],
      expected: "422 422 422 422 422 422 422 422 422 422 422"),
    Row(
      route: "GET /reset-password", path: { _ in "/reset-password" },
      expected: "404 404 404 404 404 404 404 404 404 404 404"),
    Row(
      route: "POST /reset-password", path: { _ in "/reset-password" }, form: [:],
      expected: "422 422 422 422 422 422 422 422 422 422 422"),
    Row(route: "GET /people", path: { _ in "/people" }, expected: "403 403 403 403 403 403 403 200 200 303 403"),
    Row(
      route: "POST /people", path: { _ in "/people" }, form: [:],
      expected: "403 403 403 403 403 403 403 422 422 303 403"),
    Row(
      route: "GET /teams/:id", path: { "/teams/\($0.team)" }, expected: "200 200 200 200 404 404 200 200 404 303 200"),
    Row(
      route: "GET /teams/:id/who-looked", path: { "/teams/\($0.team)/who-looked" },
      expected: "200 200 403 403 404 404 403 200 404 303 404"),
    Row(
      route: "GET /teams/:id/invite", path: { "/teams/\($0.team)/invite" },
      expected: "200 200 403 403 404 404 403 403 404 303 404"),
    Row(
      route: "POST /teams/:id/invite", path: { "/teams/\($0.team)/invite" }, form: [:],
      expected: "422 422 403 403 404 404 403 403 404 303 404"),
    Row(
      route: "GET /teams/:id/details", path: { "/teams/\($0.team)/details" },
      expected: "200 200 403 403 404 404 403 200 404 303 404"),
    Row(
      route: "POST /teams/:id/details", path: { "/teams/\($0.team)/details" }, form: [:],
      expected: "422 422 403 403 404 404 403 422 404 303 404"),
    Row(
      route: "POST /teams/:id/respond", path: { "/teams/\($0.team)/respond" }, form: ["answer": "accept"],
      expected: "404 404 404 404 404 404 404 404 404 303 303"),
    Row(route: "GET /circles", path: { _ in "/circles" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
    Row(
      route: "POST /circles", path: { _ in "/circles" }, form: [:],
      expected: "403 403 403 403 403 403 403 422 422 303 403"),
    Row(
      route: "GET /circles/:id", path: { "/circles/\($0.circle)" },
      expected: "200 200 200 200 200 200 200 200 404 303 200"),
    Row(
      route: "POST /circles/:id/join", path: { "/circles/\($0.circle)/join" }, form: [:],
      expected: "403 403 403 303 303 303 303 403 403 303 403"),
    Row(
      route: "POST /circles/:id/leave", path: { "/circles/\($0.circle)/leave" }, form: [:],
      expected: "403 403 403 303 303 303 303 403 403 303 403"),
    Row(route: "GET /members", path: { _ in "/members" }, expected: "403 403 403 403 403 403 403 200 200 303 403"),
    Row(
      route: "POST /members", path: { _ in "/members" }, form: [:],
      expected: "403 403 403 403 403 403 403 422 422 303 403"),
    Row(
      route: "GET /members/existing", path: { _ in "/members/existing" },
      expected: "403 403 403 403 403 403 403 200 200 303 403"),
    Row(
      route: "POST /members/existing", path: { _ in "/members/existing" }, form: [:],
      expected: "403 403 403 403 403 403 403 422 422 303 403"),
    Row(route: "GET /hats", path: { _ in "/hats" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
    Row(route: "GET /hats/:id", path: { "/hats/\($0.hat)" }, expected: "200 200 200 200 200 200 200 200 404 303 200"),
    Row(
      route: "POST /hats/:id/hand-over", path: { "/hats/\($0.hat)/hand-over" }, form: [:],
      expected: "403 403 403 403 403 403 403 422 404 303 403"),
    Row(
      route: "POST /teams/:id/members/:membershipID/remove",
      path: { "/teams/\($0.team)/members/\($0.familyMembership)/remove" }, form: [:],
      expected: "303 303 403 403 404 404 403 403 404 303 403"),
    Row(
      route: "GET /api/openapi.json", path: { _ in "/api/openapi.json" },
      expected: "200 200 200 200 200 200 200 200 200 200 200"),
    Row(
      route: "POST /api/v1/sessions", path: { _ in "/api/v1/sessions" }, json: #"{"email":"","password":""}"#,
      expected: "422 422 422 422 422 422 422 422 422 422 422"),
    Row(route: "GET /api/v1/me", path: { _ in "/api/v1/me" }, expected: "200 200 200 200 200 200 200 200 200 401 200"),
    Row(
      route: "GET /api/v1/people", path: { _ in "/api/v1/people" },
      expected: "403 403 403 403 403 403 403 200 200 401 403"),
    Row(
      route: "POST /api/v1/people", path: { _ in "/api/v1/people" }, json: #"{"name":"","circleID":""}"#,
      expected: "403 403 403 403 403 403 403 422 422 401 403"),
    Row(
      route: "GET /api/v1/teams/:id", path: { "/api/v1/teams/\($0.team)" },
      expected: "200 200 200 200 404 404 200 200 404 401 200"),
    Row(
      route: "POST /api/v1/teams/:id/invitations", path: { "/api/v1/teams/\($0.team)/invitations" },
      json: #"{"name":"","email":""}"#, expected: "422 422 403 403 404 404 403 403 404 401 403"),
    Row(
      route: "PUT /api/v1/teams/:id/details", path: { "/api/v1/teams/\($0.team)/details" }, json: #"{"circleID":""}"#,
      expected: "422 422 403 403 404 404 403 422 404 401 403"),
    Row(
      route: "POST /api/v1/teams/:id/answer", path: { "/api/v1/teams/\($0.team)/answer" }, json: #"{"accept":true}"#,
      expected: "404 404 404 404 404 404 404 404 404 401 404"),
    Row(
      route: "GET /api/v1/circles", path: { _ in "/api/v1/circles" },
      expected: "200 200 200 200 200 200 200 200 200 401 200"),
    Row(
      route: "POST /api/v1/circles", path: { _ in "/api/v1/circles" }, json: #"{"name":"","area":""}"#,
      expected: "403 403 403 403 403 403 403 422 422 401 403"),
    Row(
      route: "GET /api/v1/circles/:id", path: { "/api/v1/circles/\($0.circle)" },
      expected: "200 200 200 200 200 200 200 200 404 401 200"),
    Row(
      route: "POST /api/v1/circles/:id/join", path: { "/api/v1/circles/\($0.circle)/join" },
      expected: "403 403 403 204 204 204 204 403 403 401 403"),
    Row(
      route: "POST /api/v1/circles/:id/leave", path: { "/api/v1/circles/\($0.circle)/leave" },
      expected: "403 403 403 204 204 204 204 403 403 401 403"),
    Row(
      route: "GET /api/v1/members", path: { _ in "/api/v1/members" },
      expected: "403 403 403 403 403 403 403 200 200 401 403"),
    Row(
      route: "POST /api/v1/members", path: { _ in "/api/v1/members" }, json: #"{"name":"","joinedOn":""}"#,
      expected: "403 403 403 403 403 403 403 422 422 401 403"),
    Row(
      route: "POST /api/v1/memberships", path: { _ in "/api/v1/memberships" }, json: #"{"accountID":"","joinedOn":""}"#,
      expected: "403 403 403 403 403 403 403 422 422 401 403"),
    Row(
      route: "GET /api/v1/hats", path: { _ in "/api/v1/hats" }, expected: "200 200 200 200 200 200 200 200 200 401 200"),
    Row(
      route: "GET /api/v1/hats/:id", path: { "/api/v1/hats/\($0.hat)" },
      expected: "200 200 200 200 200 200 200 200 404 401 200"),
    Row(
      route: "POST /api/v1/hats/:id/handover", path: { "/api/v1/hats/\($0.hat)/handover" },
      json: #"{"toAccountID":"","termStart":""}"#, expected: "403 403 403 403 403 403 403 422 404 401 403"),
    Row(
      route: "DELETE /api/v1/teams/:id/members/:membershipID",
      path: { "/api/v1/teams/\($0.team)/members/\($0.workerMembership)" },
      expected: "204 204 403 403 404 404 403 403 404 401 403"),
    Row(route: "GET /account", path: { _ in "/account" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
    Row(
      route: "POST /account/name", path: { _ in "/account/name" }, form: [:],
      expected: "422 422 422 422 422 422 422 422 422 303 422"),
    Row(
      route: "POST /account/email", path: { _ in "/account/email" }, form: [:],
      expected: "422 422 422 422 422 422 422 422 422 303 422"),
    Row(
      route: "GET /account/confirm-email", path: { _ in "/account/confirm-email?token=none" },
      expected: "404 404 404 404 404 404 404 404 404 404 404"),
    Row(
      route: "POST /account/confirm-email", path: { _ in "/account/confirm-email" }, form: ["token": "none"],
      expected: "404 404 404 404 404 404 404 404 404 404 404"),
    Row(
      route: "POST /preferences/easy-read", path: { _ in "/preferences/easy-read" }, form: [:],
      expected: "422 422 422 422 422 422 422 422 422 303 422"),
    // Last: these end the sessions the rows above use.
    Row(
      route: "POST /sign-out", path: { _ in "/sign-out" }, form: [:],
      expected: "303 303 303 303 303 303 303 303 303 303 303"),
    Row(
      route: "DELETE /api/v1/sessions", path: { _ in "/api/v1/sessions" },
      expected: "204 204 204 204 204 204 204 204 204 401 204"),
  ]

  /// On both engines: the same answers whether the store is SQLite or PostgreSQL.
  @Test(arguments: Role.allCases, Engine.allCases)
  func everyRouteAnswersAsWrittenFor(role: Role, engine: Engine) async throws {
    let index = Role.allCases.firstIndex(of: role)!
    try await TestApp.with(engine: engine) { t in
      let (demo, otherAdmin) = try await t.seedDemo()
      let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
      let hats = try await t.store.hats(coop: demo.coop.id)
      let targets = Targets(
        team: demo.person.id, circle: team.circle.id,
        hat: hats.first { $0.hat.kind == .rotaKeeper && $0.hat.circleID == team.circle.id }!.hat.id,
        familyMembership: team.active.first { $0.account.id == demo.family.id }!.membership.id,
        workerMembership: team.active.first { $0.account.id == demo.teamWorker.id }!.membership.id)
      let account: Account? =
        switch role {
        case .person: demo.personAccount
        case .arranger: demo.arranger
        case .family: demo.family
        case .teamWorker: demo.teamWorker
        case .sameCircleWorker: demo.sameCircleWorker
        case .otherCircleWorker: demo.otherCircleWorker
        case .hatHolder: demo.rotaKeeper
        case .admin: demo.admin
        case .otherCoopAdmin: otherAdmin
        case .anonymous: nil
        case .invited:
          try await t.store.invite(
            Invitation(name: "Ivy Invitee", email: "ivy@example.org", relationship: .friend, isArranger: false),
            to: team, by: demo.personAccount.id, onBehalfOf: nil, env: t.clock.env
          ).invitee
        }
      let web = try await account.asyncMap { try await t.session(for: $0) }
      let api = try await account.asyncMap { try await t.session(for: $0, kind: "api") }
      for row in Self.rows {
        let isAPI = row.route.contains(" /api/")
        let method = HTTPMethod(rawValue: String(row.route.prefix { $0 != " " }))
        let response = try await t.send(
          method, row.path(targets), session: isAPI ? nil : web, bearer: isAPI ? api : nil, form: row.form,
          json: row.json)
        let want = row.expected.split(separator: " ")[index]
        #expect(String(response.status.code) == want, "\(role.rawValue) on \(engine): \(row.route)")
      }
    }
  }

  @Test func everyRouteHasRows() async throws {
    try await TestApp.with { t in
      let registered = Set(
        t.app.routes.all.map { route in
          "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
        })
      let covered = Set(Self.rows.map(\.route))
      #expect(registered.subtracting(covered).sorted() == [], "routes with no rows in the access matrix")
      #expect(covered.subtracting(registered).sorted() == [], "rows for routes that do not exist")
      #expect(Self.rows.allSatisfy { $0.expected.split(separator: " ").count == Role.allCases.count })
      // Every route says whether it is a page or the API where it is registered (sessions, CSRF and error
      // answers follow that, not the address).
      for route in t.app.routes.all {
        let kind = route.userInfo[RouteKind.key] as? RouteKind
        let underAPI = route.path.first?.description == "api"
        #expect(
          kind == (underAPI ? .api : .page),
          "\(route.method) \(route.path) is registered as \(String(describing: kind))")
      }
    }
  }
}

extension Optional {
  func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
    guard let value = self else { return nil }
    return try await transform(value)
  }
}
