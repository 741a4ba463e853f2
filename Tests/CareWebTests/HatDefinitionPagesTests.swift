import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// A hat's definition by decision through the real server, on both engines: the hat page offers to propose a
/// new one and the form starts from its words; a form missing the purpose and the day is refused with an error
/// summary; the proposal page shows what it would change; the API refuses a circle's hat for the co-op
/// (problem JSON) and returns the definition it carries; once passed and in force, the hat page shows the new
/// words and the decision that made them.
@Suite("Pages: a hat's definition by decision")
struct HatDefinitionPagesTests {
  @Test(arguments: Engine.allCases)
  func membersGiveAHatANewDefinition(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let hats = try await t.store.hats(coop: demo.coop.id).map(\.hat)
      let onboarding = try #require(hats.first { $0.kind == .onboarding })
      let circleHat = try #require(hats.first { $0.circleID != nil })
      var admin = try await t.session(for: demo.admin)
      var page = try await t.send(.GET, "/hats/\(onboarding.id)", session: admin).text
      #expect(page.contains("No decision has changed it"))
      let link = "/proposals?redefines=\(onboarding.id)#redefines"
      #expect(page.contains(#"<a href="\#(link)">Propose a new definition for this hat</a>"#))
      page = try await t.send(.GET, "/proposals?redefines=\(onboarding.id)", session: admin).text
      #expect(page.contains(#"<option value="\#(onboarding.id)" selected="selected">"#))
      #expect(page.contains(#"value="\#(onboarding.purpose)""#))
      let form: [String: String] = [
        "title": "A buddy for every new worker", "text": "The first month is the hardest.", "kind": "consent",
        "quorum": "1", "closesOn-day": "28", "closesOn-month": "5", "closesOn-year": "2026",
        "redefines": onboarding.id.description, "hatPurpose": "",
        "hatAccountabilities": "Run inductions\n\nPair each new worker with a buddy\n",
      ]
      var sent = try await t.send(.POST, "/proposals", session: admin, form: form)
      #expect(sent.status == .unprocessableEntity)
      #expect(sent.text.contains("There is a problem") && sent.text.contains(##"href="#hatPurpose""##))
      #expect(sent.text.contains("Enter the hat&#39;s purpose") || sent.text.contains("Enter the hat's purpose"))
      var good = form
      good["hatPurpose"] = "Welcomes new members and workers, and gives each new worker a buddy."
      (good["takesEffect-day"], good["takesEffect-month"], good["takesEffect-year"]) = ("1", "6", "2026")
      sent = try await t.send(.POST, "/proposals", session: admin, form: good)
      #expect(sent.status == .seeOther)
      let proposal = String(try #require(sent.headers.first(name: .location)).prefix { $0 != "?" })
      page = try await t.send(.GET, proposal, session: admin).text
      #expect(page.contains("The hat it redefines if it passes"))
      #expect(page.contains("<li>Pair each new worker with a buddy</li>"))
      // The API: a circle's hat is not the co-op's to define; the definition comes back as sent.
      let phone = try await t.session(for: demo.admin, kind: "api")
      func body(_ hat: Hat) -> String {
        #"{"title":"Onboarding by rota","text":"Why.","kind":"majority","closesOn":"2026-05-30","#
          + #""takesEffect":"2026-06-02","hatDefinition":{"hatID":"\#(hat.id)","purpose":"Welcomes people.","#
          + #""accountabilities":["Run inductions"]}}"#
      }
      let refused = try await t.send(.POST, "/api/v1/proposals", bearer: phone, json: body(circleHat))
      #expect(refused.status == .unprocessableEntity && refused.text.contains("Choose one of the co-op's hats"))
      let made = try await t.send(.POST, "/api/v1/proposals", bearer: phone, json: body(onboarding))
      #expect(made.status == .created)
      #expect(made.text.contains(#""hatDefinition":{"#) && made.text.contains(#""purpose":"Welcomes people.""#))
      // Consented, counted after midnight, in force from its day: the hat page shows the new words.
      let family = try await t.session(for: demo.family)
      sent = try await t.send(.POST, "\(proposal)/votes", session: family, form: ["choice": "consent"])
      #expect(sent.status == .seeOther)
      t.clock.advance(4 * 86_400)
      #expect(try await t.app.care.cases.countDuePolls() >= 1)
      admin = try await t.session(for: demo.admin)
      page = try await t.send(.GET, "/hats/\(onboarding.id)", session: admin).text
      #expect(page.contains("Welcomes new members and workers, and gives each new worker a buddy."))
      #expect(page.contains("<li>Pair each new worker with a buddy</li>"))
      #expect(page.contains("Decided by “A buddy for every new worker”"))
      let hat = try await t.send(
        .GET, "/api/v1/hats/\(onboarding.id)", bearer: try await t.session(for: demo.admin, kind: "api"))
      #expect(hat.text.contains(#""purpose":"Welcomes new members and workers, and gives each new worker a buddy.""#))
    }
  }
}
