import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// The team's say through the real server, on both engines: the team page links to it; the person sets it
/// (an empty form comes back with its summary); a change the worker proposes waits on the plan page with
/// where it stands; the family member objects on the decision's page (not without a reason); the API shows
/// the same and takes the person's yes.
@Suite("Pages: the team's say")
struct TeamSayPagesTests {
  @Test(arguments: Engine.allCases)
  func thePersonSetsTheSayAndTheTeamAnswers(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let person = try await t.session(for: demo.personAccount)
      let say = "/teams/\(demo.person.id)/say"
      var page = try await t.send(.GET, "/teams/\(demo.person.id)", session: person).text
      #expect(page.contains(#"<a href="\#(say)">How your team decides</a>"#))
      page = try await t.send(.GET, say, session: person).text
      #expect(page.contains("Nothing has been set yet") && page.contains("Nothing is waiting."))
      let empty = try await t.send(.POST, say, session: person, form: [:])
      #expect(empty.status == .unprocessableEntity)
      #expect(empty.text.contains("Choose how your team decides</a>"))
      #expect(try await t.send(.POST, say, session: person, form: ["say": "team-consent"]).status == .seeOther)
      page = try await t.send(.GET, say + "?saved", session: person).text
      #expect(page.contains("Saved.") && page.contains(TeamSay.teamConsent.explanation))
      // In Easy Read: one idea a line, in the person's words, and the same form.
      _ = try await t.send(
        .POST, "/preferences/easy-read", session: person, form: ["easy_read": "on", "return_to": say])
      page = try await t.send(.GET, say, session: person).text
      #expect(page.contains("Who decides about your support") && page.contains("You say yes. Then the team has 3 days"))
      #expect(page.contains(#"name="say""#))
      _ = try await t.send(
        .POST, "/preferences/easy-read", session: person, form: ["easy_read": "off", "return_to": say])
      // A worker the arranger asks for waits on the team page for the team's say.
      _ = try await t.app.care.cases.invite(
        Invitation(name: "Wendy Worker", email: "wendy@example.org", relationship: .worker, isArranger: false),
        to: demo.person.id, by: try await t.app.care.cases.requester(for: demo.arranger))
      page = try await t.send(.GET, "/teams/\(demo.person.id)", session: person).text
      #expect(page.contains("Waiting for the team's say") && page.contains("Wendy Worker"))
      // The family member reads it but cannot change it.
      let family = try await t.session(for: demo.family)
      page = try await t.send(.GET, say, session: family).text
      #expect(!page.contains(#"name="say""#))
      #expect(try await t.send(.POST, say, session: family, form: ["say": "person"]).status == .forbidden)
      // The worker proposes a change to the plan: it waits, and the plan says for whom.
      let worker = try await t.app.care.cases.requester(for: demo.teamWorker)
      let change = try await t.app.care.cases.proposePlanChange(
        demo.person.id, section: "about-me", basedOn: 0, text: "I like trains.", note: "", by: worker)
      page = try await t.send(.GET, "/teams/\(demo.person.id)/plan", session: family).text
      #expect(page.contains("Waiting for the person or their arranger, the team (until the time runs out)."))
      let decision = try #require(
        try await t.app.care.cases.teamSay(demo.person.id, by: worker).decisions.first {
          $0.subjectID == change.id.rawValue
        })
      let path = "/teams/\(demo.person.id)/decisions/\(decision.id)"
      page = try await t.send(.GET, say, session: family).text
      #expect(page.contains(#"<a href="\#(path)">"#))
      page = try await t.send(.GET, path, session: family).text
      #expect(page.contains(#"value="objection""#) && !page.contains(#"value="yes""#))
      let bare = try await t.send(.POST, path, session: family, form: ["choice": "objection"])
      #expect(bare.status == .unprocessableEntity)
      #expect(bare.text.contains(##"<a href="#reason">"##))
      #expect(
        try await t.send(.POST, path, session: family, form: ["choice": "objection", "reason": "Ask Mum first"]).status
          == .seeOther)
      page = try await t.send(.GET, path + "?answered", session: family).text
      #expect(page.contains("Your answer is kept.") && page.contains("Ask Mum first"))
      #expect(page.contains("1 objection standing."))
      // The phone: the person sees it and says yes; the objection still stands.
      let phone = try await t.session(for: demo.personAccount, kind: "api")
      let read = try await t.send(.GET, "/api/v1/teams/\(demo.person.id)/say", bearer: phone)
      #expect(read.status == .ok && read.text.contains(#""say":"team-consent""#))
      let yes = try await t.send(
        .POST, "/api/v1\(path)/answers", bearer: phone, json: #"{"choice":"yes"}"#)
      #expect(yes.status == .created)
      #expect(yes.text.contains(#""state":"waiting""#) && yes.text.contains("an objection to be withdrawn"))
      let again = try await t.send(.POST, "/api/v1\(path)/answers", bearer: phone, json: #"{"choice":"consent"}"#)
      #expect(again.status == .unprocessableEntity)
    }
  }
}
