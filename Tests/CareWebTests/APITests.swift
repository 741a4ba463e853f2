import CareCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CareStore
@testable import CareWeb

@Suite("JSON API")
struct APITests {
  /// One's own account through the API: the name at once, a new address only with the mailed token.
  @Test func anAccountChangesItsNameAddressAndPreferencesThroughTheAPI() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let token = try await t.session(for: demo.family, kind: "api")
      let renamed = try await t.send(.PUT, "/api/v1/me/name", bearer: token, json: #"{"name":"  Paul Whitworth "}"#)
      #expect(renamed.status == .ok)
      #expect(try JSONDecoder().decode(DTO.AccountOut.self, from: renamed.body).name == "Paul Whitworth")
      let blank = try await t.send(.PUT, "/api/v1/me/name", bearer: token, json: #"{"name":" "}"#)
      #expect(blank.status == .unprocessableEntity && blank.text.contains(#""field":"name""#))
      // Another account's address is a conflict; nothing is mailed.
      let taken = try await t.send(.PUT, "/api/v1/me/email", bearer: token, json: #"{"email":"\#(demo.admin.email!)"}"#)
      #expect(taken.status == .conflict)
      let asked = try await t.send(.PUT, "/api/v1/me/email", bearer: token, json: #"{"email":"paul@new.example"}"#)
      #expect(asked.status == .accepted && asked.text.contains("paul@new.example"))
      #expect(try await t.store.account(demo.family.id)?.email == demo.family.email, "not until it is confirmed")
      let mail = try #require(await t.mail.sent.first { $0.to == "paul@new.example" })
      let mailed = try #require(mail.body.split(whereSeparator: \.isWhitespace).first { $0.contains("token=") })
      let code = String(mailed.split(separator: "=").last!)
      #expect(await t.mail.sent.contains { $0.to == demo.family.email }, "the old address is told")
      let confirmed = try await t.send(.POST, "/api/v1/me/email/confirmation", json: #"{"token":"\#(code)"}"#)
      #expect(confirmed.status == .ok)
      #expect(try JSONDecoder().decode(DTO.AccountOut.self, from: confirmed.body).email == "paul@new.example")
      let again = try await t.send(.POST, "/api/v1/me/email/confirmation", json: #"{"token":"\#(code)"}"#)
      #expect(again.status == .notFound, "a link works once")
      let easy = try await t.send(.PUT, "/api/v1/me/preferences", bearer: token, json: #"{"easyRead":true}"#)
      #expect(easy.status == .ok)
      #expect(try await t.store.account(demo.family.id)?.prefersEasyRead == true)
      #expect(try await t.send(.PUT, "/api/v1/me/name", json: #"{"name":"Nobody"}"#).status == .unauthorized)
    }
  }

  @Test func signInThenUseTheTokenAndGetProblemJSONForMistakes() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let signIn = try await t.send(
        .POST, "/api/v1/sessions", json: #"{"email":"\#(demo.arranger.email!)","password":"\#(TestApp.demoPassword)"}"#)
      #expect(signIn.status == .created)
      let token = try JSONDecoder().decode(DTO.SessionToken.self, from: signIn.body).token
      let team = try await t.send(.GET, "/api/v1/teams/\(demo.person.id)", bearer: token)
      #expect(team.status == .ok)
      let decoded = try JSONDecoder().decode(DTO.TeamOut.self, from: team.body)
      #expect(decoded.person.name == "Alan Whitworth")
      #expect(decoded.members.contains { $0.account.name == "Maureen Whitworth" && $0.isArranger })

      let bad = try await t.send(
        .POST, "/api/v1/teams/\(demo.person.id)/invitations", bearer: token,
        json: #"{"name":"Al","email":"nope","relationship":"friend"}"#)
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.headers.contentType?.description == "application/problem+json")
      #expect(bad.text.contains(#""field":"email""#))

      let wrongType = try await t.send(
        .POST, "/api/v1/teams/\(demo.person.id)/invitations", bearer: token,
        json: #"{"name":"Al","email":"al@example.org","relationship":"cousin"}"#)
      #expect(wrongType.status == .badRequest)

      let made = try await t.send(
        .POST, "/api/v1/teams/\(demo.person.id)/invitations", bearer: token,
        json: #"{"name":"Al","email":"al@example.org","relationship":"friend"}"#)
      #expect(made.status == .created)
      let events = try await t.store.auditEvents(coop: demo.coop.id, person: demo.person.id)
      #expect(events.first { $0.action == .invite }?.onBehalfOf == demo.person.id, "the arranger acted for the person")

      #expect(try await t.send(.GET, "/api/v1/teams/\(UUID())", bearer: token).status == .notFound)
      #expect(try await t.send(.GET, "/api/v1/teams/not-an-id", bearer: token).status == .notFound)
      #expect(try await t.send(.GET, "/api/v1/me").headers.contentType?.description == "application/problem+json")
      // A session cookie alone does not open the API: only a bearer token does.
      let cookie = try await t.session(for: demo.arranger)
      #expect(try await t.send(.GET, "/api/v1/me", session: cookie).status == .unauthorized)
    }
  }

  @Test func theOpenAPIDocumentListsExactlyTheAPIRoutes() async throws {
    try await TestApp.with { t in
      let response = try await t.send(.GET, "/api/openapi.json")
      let doc = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
      #expect(doc["openapi"] as? String == "3.1.0")
      let paths = doc["paths"] as! [String: [String: Any]]
      let documented = Set(
        paths.flatMap { path, ops in
          ops.keys.map {
            "\($0.uppercased()) "
              + path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
          }
        })
      let registered = Set(
        t.app.routes.all.compactMap { route -> String? in
          let path = "/" + route.path.map(\.description).joined(separator: "/")
          return path.hasPrefix("/api/v1/") ? "\(route.method.rawValue) \(path)" : nil
        })
      #expect(registered.subtracting(documented).sorted() == [], "routes missing from openapi.json")
      #expect(documented.subtracting(registered).sorted() == [], "openapi.json lists routes that do not exist")
    }
  }

  /// Each capability describes its own paths; two claiming one address stop the document being served.
  @Test func twoCapabilitiesCannotDescribeOnePath() throws {
    let base = Data(#"{"openapi":"3.1.0","paths":{},"components":{"schemas":{"Problem":{}}}}"#.utf8)
    let teams = Data(#"{"paths":{"/api/v1/teams":{"get":{}}},"components":{"schemas":{"TeamIn":{}}}}"#.utf8)
    let again = Data(#"{"paths":{"/api/v1/teams":{"post":{}}}}"#.utf8)
    let schemaAgain = Data(#"{"paths":{},"components":{"schemas":{"TeamIn":{}}}}"#.utf8)
    let merged =
      try JSONSerialization.jsonObject(
        with: try OpenAPIDocument.assemble(base: base, fragments: [("teams", teams)])) as! [String: Any]
    #expect((merged["paths"] as! [String: Any]).keys.sorted() == ["/api/v1/teams"])
    #expect(
      ((merged["components"] as! [String: Any])["schemas"] as! [String: Any]).keys.sorted() == ["Problem", "TeamIn"])
    #expect(throws: OpenAPIDocument.Clash.self) {
      try OpenAPIDocument.assemble(base: base, fragments: [("teams", teams), ("other", again)])
    }
    #expect(throws: OpenAPIDocument.Clash.self) {
      try OpenAPIDocument.assemble(base: base, fragments: [("teams", teams), ("other", schemaAgain)])
    }
  }
}

/// The checker every API answer goes through (`TestApp.send`) must itself catch what is not as documented.
@Suite("Response schema checker")
struct ResponseSchemaTests {
  @Test func anAnswerThatIsNotAsDocumentedIsCaught() {
    func problems(_ json: String, status: Int = 200, path: String = "/api/v1/me") -> [String] {
      ResponseSchema.problems(
        method: "GET", path: path, status: status, contentType: "application/json", body: Data(json.utf8))
    }
    let good = #"{"id":"5f2da4ff-a2dd-42da-9c1c-2b1a8b0f2f11","name":"Ann","isAdministrator":false}"#
    #expect(problems(good).isEmpty)
    #expect(!problems(#"{"id":"5f2da4ff-a2dd-42da-9c1c-2b1a8b0f2f11","name":"Ann"}"#).isEmpty, "missing field")
    #expect(!problems(#"{"id":"not-a-uuid","name":"Ann","isAdministrator":false}"#).isEmpty, "bad format")
    #expect(!problems(#"{"id":"5f2da4ff-a2dd-42da-9c1c-2b1a8b0f2f11","name":"Ann","isAdministrator":1}"#).isEmpty)
    #expect(
      !problems(#"{"id":"5f2da4ff-a2dd-42da-9c1c-2b1a8b0f2f11","name":"Ann","isAdministrator":false,"password":"x"}"#)
        .isEmpty, "a field the document does not have")
    #expect(!problems(good, status: 201).isEmpty, "an undocumented status")
    #expect(problems("[]", path: "/api/v1/members").isEmpty, "an empty register is a register")
    #expect(!problems(#"[{"id":1}]"#, path: "/api/v1/members").isEmpty)
  }

  /// A schema written wrong (`required` as pairs, as a slip in a generator once wrote it) is reported,
  /// rather than read as "nothing required" and passed.
  @Test func aSchemaTheCheckerCannotReadIsAFinding() {
    var found: [String] = []
    let slip: [String: Any] = ["type": "object", "required": [["id", ["type": "string"]]], "properties": [:]]
    ResponseSchema.check(.object([:]), against: slip, at: "$", into: &found)
    #expect(found.contains { $0.contains("`required`") })
    found = []
    ResponseSchema.check(.string("x"), against: ["type": 3] as [String: Any], at: "$", into: &found)
    #expect(found.contains { $0.contains("`type`") })
  }
}
